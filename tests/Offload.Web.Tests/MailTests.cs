using System.Net.Http.Json;

using Offload.Testing;

namespace Offload.Web.Tests;

/// <summary>The host wired to a loopback SMTP port, with quick retries, and links to a public address.</summary>
public sealed class MailApp : IDisposable
{
    public OffloadApp App { get; } = new();
    public int SmtpPort { get; } = HostPorts.Free();

    public MailApp()
    {
        App.Settings["Offload:Smtp:Host"] = "127.0.0.1";
        App.Settings["Offload:Smtp:Port"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        App.Settings["Offload:Smtp:From"] = "jobs@learn.example.com";
        App.Settings["Offload:PublicUrl"] = "https://learn.example.com/";
        App.Settings["Offload:Mail:RetryBackoff"] = "00:00:00.200";
        App.Settings["Offload:Mail:MaxBackoff"] = "00:00:00.500";
        App.Settings["Offload:Mail:PollInterval"] = "00:00:01";
    }

    public void Dispose() => App.Dispose();
}

public sealed class MailTests(MailApp fixture) : IClassFixture<MailApp>
{
    [Fact]
    public async Task The_owner_gets_one_mail_in_their_language_when_a_job_ends()
    {
        await using var smtp = await TestSmtpServer.StartAsync(fixture.SmtpPort);
        var admin = await fixture.App.AdminAsync();
        var job = await admin.ImportJobAsync("username,email\nmail-ok,mail-ok@example.com\nbad one,x@example.com\n", "mail.csv");
        await admin.WaitFinishedAsync(job.Id);

        var mail = await smtp.WaitForAsync(m => m.Subject != null && m.Subject.Contains("mail.csv", StringComparison.Ordinal));
        Assert.Equal("Background job completed: Import of mail.csv (2 rows)", mail.Subject);
        Assert.Equal("admin@localhost", mail.To.Mailboxes.Single().Address);
        Assert.Equal("jobs@learn.example.com", mail.From.Mailboxes.Single().Address);
        Assert.Contains("Processed: 2 of 2", mail.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains("Errors: 1", mail.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains("Kind: Users import", mail.TextBody ?? "", StringComparison.Ordinal);
        // The link leads to the job's own page, not just the list.
        Assert.Contains($"This job's page: https://learn.example.com/jobs/{job.Id}", mail.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains($"<a href=\"https://learn.example.com/jobs/{job.Id}\">", mail.HtmlBody ?? "", StringComparison.Ordinal);

        var branch = await admin.CreateBranchAsync("Mail branch");
        var response = await admin.PostAsJsonAsync("/api/users", new
        {
            username = "mail-fr", email = "mail-fr@example.com", firstName = "Amélie", language = "fr", role = "poweruser",
            branchIds = new[] { branch.Id },
        });
        response.EnsureSuccessStatusCode();
        var frenchId = (await response.Content.ReadFromJsonAsync<UserBody>())!.Id;
        var french = await fixture.App.ClientForIdAsync(frenchId);
        var frJob = await french.ImportJobAsync("username,email\nmail-fr-new,fr-new@example.com\n", "élèves.csv");
        await french.WaitFinishedAsync(frJob.Id);
        var frMail = await smtp.WaitForAsync(m => m.Subject != null && m.Subject.Contains("élèves.csv", StringComparison.Ordinal));
        Assert.Equal("Procédure d'arrière-plan terminée : Import de élèves.csv (1 ligne)", frMail.Subject);
        Assert.StartsWith("Bonjour Amélie,", frMail.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains("Éléments traités : 1 sur 1", frMail.TextBody ?? "", StringComparison.Ordinal);
        Assert.Single(smtp.Received, m => m.Subject != null && m.Subject.Contains("mail.csv", StringComparison.Ordinal));
    }
}

public sealed class SmtpOutageTests(MailApp fixture) : IClassFixture<MailApp>
{
    [Fact]
    public async Task With_smtp_down_for_the_whole_job_the_mail_waits_and_then_arrives_exactly_once()
    {
        var admin = await fixture.App.AdminAsync();
        var job = await admin.ImportJobAsync("username,email\noutage,outage@example.com\n", "outage.csv");
        Assert.Equal("completed", (await admin.WaitFinishedAsync(job.Id)).Status);

        // Nothing listens yet: the sender must have tried, failed and kept the mail.
        var failed = await WaitForFailedAttemptsAsync(2);
        Assert.False(string.IsNullOrEmpty(failed));

        var inbox = new System.Collections.Concurrent.ConcurrentQueue<MimeKit.MimeMessage>();
        await using (var smtp = await TestSmtpServer.StartAsync(fixture.SmtpPort, inbox))
        {
            await smtp.WaitForAsync(m => m.Subject != null && m.Subject.Contains("outage.csv", StringComparison.Ordinal));
            await Task.Delay(TimeSpan.FromSeconds(2)); // time for any duplicate to show up
        }
        Assert.Single(inbox, m => m.Subject != null && m.Subject.Contains("outage.csv", StringComparison.Ordinal));
        Assert.Equal(0, await PendingMailsAsync());
    }

    private async Task<string> WaitForFailedAttemptsAsync(int attempts)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await fixture.App.Database.ScalarAsync($"SELECT max(last_error) FROM outbox WHERE sent_at IS NULL AND attempts >= {attempts}") is string error)
                return error;
            await Task.Delay(50);
        }
        throw new TimeoutException("The sender never reported a failed attempt.");
    }

    private async Task<long> PendingMailsAsync() =>
        Convert.ToInt64(await fixture.App.Database.ScalarAsync("SELECT count(*) FROM outbox WHERE sent_at IS NULL"));
}

/// <summary>No SMTP configured: mails become .eml files under the data folder.</summary>
public sealed class EmlMailTests(OffloadApp app) : IClassFixture<OffloadApp>
{
    [Fact]
    public async Task Without_smtp_the_mail_is_written_as_an_eml_file()
    {
        var admin = await app.AdminAsync();
        var job = await admin.ImportJobAsync("username,email\neml-user,eml@example.com\n", "eml.csv");
        await admin.WaitFinishedAsync(job.Id);
        var folder = Path.Combine(app.DataPath, "mail");
        for (var i = 0; i < 200 && !(Directory.Exists(folder) && Directory.GetFiles(folder, "*.eml").Length > 0); i++) await Task.Delay(50);
        var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
        var message = await MimeKit.MimeMessage.LoadAsync(file);
        Assert.Equal("Background job completed: Import of eml.csv (1 row)", message.Subject);
        Assert.Equal("admin@localhost", message.To.Mailboxes.Single().Address);
    }
}
