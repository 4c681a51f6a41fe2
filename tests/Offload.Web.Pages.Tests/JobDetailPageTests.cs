using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs.Storage;
using Offload.Platform.Identity;

namespace Offload.Web.Pages.Tests;

/// <summary>
/// A finished import with error rows (retry, undo, delete, downloads), a Power User's queued job (its place, the X),
/// a queued job aborted by the admin, and a retry of the import. No workers run: jobs stay where the fixture left them.
/// </summary>
public sealed class JobDetailPagesApp : IAsyncLifetime, IDisposable
{
    public PagesApp App { get; } = new();
    public Guid Finished { get; private set; }
    public Guid Queued { get; private set; }
    public Guid Aborted { get; private set; }
    public Guid Retry { get; private set; }
    public Guid AdminsQueued { get; private set; }

    public JobDetailPagesApp() => App.Settings["Offload:Workers"] = "0";

    public async Task InitializeAsync()
    {
        var north = await App.CreateBranchAsync("North");
        var pu = await App.AddUserAsync("pu.detail", Roles.PowerUser, [north]);
        await App.AddUserAsync("pu.other", Roles.PowerUser, [north]);
        var admin = await App.ClientForIdAsync((await App.FindUserAsync("admin"))!.Id);
        var mine = await App.ClientForIdAsync(pu);
        Finished = await ImportAsync(admin, "people.csv", "username,email\nann.detail,ann@example.org\nbad name,x@example.org\n");
        await App.RunQueuedJobsAsync();
        Aborted = await ImportAsync(mine, "stopped.csv", "username,email\nstop1,stop1@example.org\n");
        (await admin.PostAsync($"/api/jobs/{Aborted}/abort", null)).EnsureSuccessStatusCode();
        Queued = await ImportAsync(mine, "waiting.csv", "username,email\nwait1,wait1@example.org\n");
        AdminsQueued = await ImportAsync(admin, "admins.csv", "username,email\nwait2,wait2@example.org\n");
        // A retry as helper RETRY's endpoint will write it: an ordinary job that names the one it follows up.
        var now = DateTimeOffset.UtcNow;
        Retry = Guid.CreateVersion7(now);
        await App.Services.GetRequiredService<IJobStore>().EnqueueAsync(new EnqueueRequest(Retry, "users.import",
            "Retry of people.csv", 1, "admin", 1, "{}", now, now.AddDays(14), RetryOf: Finished), default);
    }

    internal static async Task<Guid> ImportAsync(HttpClient client, string fileName, string csv)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var response = await client.PostAsync("/api/mass-actions/users-import", new MultipartFormDataContent { { file, "file", fileName } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Accepted>())!.Job.Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => App.Dispose();

    private sealed record Accepted(AcceptedJob Job);

    private sealed record AcceptedJob(Guid Id);
}

public sealed class JobDetailPageTests(JobDetailPagesApp fx) : IClassFixture<JobDetailPagesApp>
{
    private static string Text(string html) => string.Join(" | ", PageWords.Read(html));

    [Fact]
    public async Task A_finished_import_shows_its_outcome_timeline_downloads_and_follow_ups_without_javascript()
    {
        var (response, html) = await (await fx.App.AdminAsync()).GetAsync($"/jobs/{fx.Finished}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Text(html);
        Assert.Contains("<h1 id=\"job-title\">Import of people.csv (2 rows)</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Owner | admin", text, StringComparison.Ordinal);
        Assert.Contains("Status | Completed | 1 error", text, StringComparison.Ordinal);
        Assert.Contains("2 of 2", text, StringComparison.Ordinal);
        Assert.Contains("Elapsed time", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Time left", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Position in the queue", text, StringComparison.Ordinal);
        // The timeline, in order, each step with its time.
        var steps = Regex.Matches(html, "<span class=\"timeline-what\">([^<]*)</span>\\s*<time datetime=\"[^\"]+\">").Select(m => m.Groups[1].Value);
        Assert.Equal(["Created by admin", "Started", "Completed"], steps);
        // What may be done with it: retry its failed item, undo it, delete it; no X once it has ended.
        Assert.Contains($"href=\"/jobs/{fx.Finished}/retry?back=job\">Retry failed items</a>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/jobs/{fx.Finished}/undo\">Undo</a>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/jobs/{fx.Finished}/delete?back=job\">Delete</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/jobs/{fx.Finished}/abort", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/jobs/{fx.Finished}/errors.csv\">Download log</a>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/jobs/{fx.Finished}/failed.csv\">Download the failed rows, to fix and upload again</a>", html, StringComparison.Ordinal);
        Assert.Contains($"Retried by <a href=\"/jobs/{fx.Retry}\">", html, StringComparison.Ordinal);
        // Its errors by reason: the column, the reason, how many, the rows.
        Assert.Contains("Errors by reason | Column at fault | Reason for the error | Rows with this error | For example, rows | username | "
            + "The username may only contain letters, digits and . _ - @ | 1 | 3", text, StringComparison.Ordinal);
        // Without JavaScript it says it is a snapshot; nothing reloads the page behind the reader's back.
        Assert.Contains("reload it to see it move on", text, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Aborting_from_the_jobs_page_without_javascript_comes_back_to_it()
    {
        var api = await fx.App.ClientForIdAsync((await fx.App.FindUserAsync("admin"))!.Id);
        var job = await JobDetailPagesApp.ImportAsync(api, "back.csv", "username,email\nback1,back1@example.org\n");
        var admin = await fx.App.AdminAsync();

        var (_, confirm) = await admin.GetAsync($"/jobs/{job}/abort?back=job");
        var response = await admin.SubmitAsync($"/jobs/{job}/abort?back=job", []);

        Assert.Contains($"<a href=\"/jobs/{job}\">Back to the job</a>", confirm, StringComparison.Ordinal);
        Assert.Equal($"/jobs/{job}", response.Headers.Location!.OriginalString);
        Assert.Contains("Status | Aborted", Text((await admin.GetAsync($"/jobs/{job}")).Html), StringComparison.Ordinal);
        // From the list, both go back to the list.
        Assert.Contains("<a href=\"/jobs\">Back to Background Jobs</a>", (await admin.GetAsync($"/jobs/{job}/delete")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_links_back_to_the_job_it_retries()
    {
        var (_, html) = await (await fx.App.AdminAsync()).GetAsync($"/jobs/{fx.Retry}");
        Assert.Contains($"Retry of <a href=\"/jobs/{fx.Finished}\">Import of people.csv (2 rows)</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queued_job_shows_its_place_in_the_queue_and_the_x_only()
    {
        var browser = await fx.App.SignedInAsync("pu.detail", PagesApp.PasswordOf("pu.detail"));
        var (response, html) = await browser.GetAsync($"/jobs/{fx.Queued}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Text(html);
        Assert.Contains("Status | Queued", text, StringComparison.Ordinal);
        // The oldest queued job (the admin's and the retry came after it); the words say the order is by age.
        Assert.Matches("Position in the queue \\| 1 \\| Approximate", text);
        Assert.Contains($"href=\"/jobs/{fx.Queued}/abort?back=job\">Abort</a>", html, StringComparison.Ordinal);
        foreach (var action in new[] { "delete", "retry", "undo" })
            Assert.DoesNotContain($"/jobs/{fx.Queued}/{action}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("errors.csv", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_aborted_job_says_who_asked_for_the_abort()
    {
        var browser = await fx.App.SignedInAsync("pu.detail", PagesApp.PasswordOf("pu.detail"));
        var (_, html) = await browser.GetAsync($"/jobs/{fx.Aborted}");
        var steps = Regex.Matches(html, "<span class=\"timeline-what\">([^<]*)</span>").Select(m => m.Groups[1].Value);
        Assert.Equal(["Created by pu.detail", "Abort asked by admin", "Aborted"], steps);
    }

    [Fact]
    public async Task Another_power_users_or_an_admins_job_is_a_404_like_a_job_that_does_not_exist()
    {
        var other = await fx.App.SignedInAsync("pu.other", PagesApp.PasswordOf("pu.other"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/jobs/{fx.Queued}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/jobs/{fx.AdminsQueued}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/jobs/{Guid.CreateVersion7()}")).Response.StatusCode);
        var owner = await fx.App.SignedInAsync("pu.detail", PagesApp.PasswordOf("pu.detail"));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/jobs/{fx.Queued}")).Response.StatusCode);
    }

    [Fact]
    public async Task The_page_reads_in_french()
    {
        var (_, html) = await (await fx.App.AdminAsync()).GetAsync($"/jobs/{fx.Finished}?culture=fr");
        var text = Text(html);
        Assert.Contains("Propriétaire | admin", text, StringComparison.Ordinal);
        Assert.Contains("Statut | Terminée | 1 erreur", text, StringComparison.Ordinal);
        Assert.Contains("Historique", text, StringComparison.Ordinal);
        Assert.Contains("Créée par admin", text, StringComparison.Ordinal);
        Assert.Contains("Relancer les éléments en échec", text, StringComparison.Ordinal);
        Assert.Contains("Journal des téléchargements", text, StringComparison.Ordinal);
        Assert.Contains("Relancée par", text, StringComparison.Ordinal);
        Assert.Contains("Erreurs par motif", text, StringComparison.Ordinal);
        Assert.DoesNotContain("The username may only", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_the_notification_and_the_notifications_page_link_to_the_job()
    {
        var admin = await fx.App.AdminAsync();
        var (_, list) = await admin.GetAsync("/jobs");
        Assert.Contains($"<a class=\"job-title\" href=\"/jobs/{fx.Finished}\">Import of people.csv (2 rows)</a>", list, StringComparison.Ordinal);
        var (_, notices) = await admin.GetAsync("/notifications");
        Assert.Matches($"<a class=\"notice-title\" href=\"/jobs/{fx.Finished}\">[^<]*people.csv", notices);
    }
}
