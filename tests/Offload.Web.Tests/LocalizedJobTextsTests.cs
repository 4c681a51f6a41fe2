using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Offload.Web.Tests;

/// <summary>
/// The same job reads in each viewer's language, with their number format (SPEC §6), while its stored description
/// stays as written; the owner's notice and mail are in the owner's language.
/// </summary>
public sealed class LocalizedJobTextsTests(MailApp fixture) : IClassFixture<MailApp>
{
    private static string Fr(long n) => n.ToString("N0", CultureInfo.GetCultureInfo("fr"));

    [Fact]
    public async Task A_job_description_is_french_for_a_french_viewer_and_english_for_an_english_one()
    {
        var admin = await fixture.App.AdminAsync();
        var course = await admin.CreateCourseAsync("L10N-1", "Chimie");
        var one = await admin.CreateUserAsync("desc-a");
        var two = await admin.CreateUserAsync("desc-b");
        var job = await admin.StartAsync("enroll", new { selection = new { userIds = new[] { one.Id, two.Id } }, courseIds = new[] { course.Id } });

        Assert.Equal("Enroll 2 users in 1 course", (await admin.GetFromJsonAsync<JobBody>($"/api/jobs/{job.Id}?culture=en"))!.Description);
        Assert.Equal("Inscrire 2 utilisateurs à 1 cours", (await admin.GetFromJsonAsync<JobBody>($"/api/jobs/{job.Id}?culture=fr"))!.Description);
        var list = await admin.GetFromJsonAsync<JobListBody>("/api/jobs?scope=all&culture=fr");
        Assert.Contains(list!.Items, j => j.Id == job.Id && j.Description == "Inscrire 2 utilisateurs à 1 cours");

        var rows = new StringBuilder("username,email\n");
        for (var i = 0; i < 1204; i++) rows.Append(CultureInfo.InvariantCulture, $"desc-row-{i},desc-row-{i}@example.com\n");
        var import = await admin.ImportJobAsync(rows.ToString(), "users.csv");
        Assert.Equal("Import of users.csv (1,204 rows)", (await admin.GetFromJsonAsync<JobBody>($"/api/jobs/{import.Id}?culture=en"))!.Description);
        var french = (await admin.GetFromJsonAsync<JobBody>($"/api/jobs/{import.Id}?culture=fr"))!.Description;
        Assert.Equal($"Import de users.csv ({Fr(1204)} lignes)", french);
        Assert.Matches("^Import de users.csv \\(1[\u00a0\u202f]204 lignes\\)$", french); // a no-break space, never a comma
    }

    [Fact]
    public async Task The_completion_mail_and_notice_are_in_the_owners_language_with_its_number_format()
    {
        await using var smtp = await TestSmtpServer.StartAsync(fixture.SmtpPort);
        var admin = await fixture.App.AdminAsync();
        var branch = await admin.CreateBranchAsync("Lyon l10n");
        var response = await admin.PostAsJsonAsync("/api/users", new
        {
            username = "nombres-fr", email = "nombres-fr@example.com", firstName = "Inès", language = "fr", role = "poweruser",
            branchIds = new[] { branch.Id },
        });
        response.EnsureSuccessStatusCode();
        var owner = await fixture.App.ClientForIdAsync((await response.Content.ReadFromJsonAsync<UserBody>())!.Id);
        var rows = new StringBuilder("username,email\nmauvais nom,x@example.com\n");
        for (var i = 0; i < 1203; i++) rows.Append(CultureInfo.InvariantCulture, $"nombres-{i},nombres-{i}@example.com\n");

        var job = await owner.ImportJobAsync(rows.ToString(), "nombres.csv");
        await owner.WaitFinishedAsync(job.Id);

        var description = $"Import de nombres.csv ({Fr(1204)} lignes)";
        var mail = await smtp.WaitForAsync(m => m.Subject != null && m.Subject.Contains("nombres.csv", StringComparison.Ordinal));
        Assert.Equal($"Procédure d'arrière-plan terminée : {description}", mail.Subject);
        Assert.StartsWith("Bonjour Inès,", mail.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains($"Votre procédure d'arrière-plan « {description} » est terminée.", mail.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains($"Éléments traités : {Fr(1204)} sur {Fr(1204)}", mail.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains("Erreurs : 1", mail.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains("Type : Import d'utilisateurs", mail.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\">", mail.HtmlBody ?? "", StringComparison.Ordinal);

        var notices = await owner.GetFromJsonAsync<NotificationListBody>("/api/notifications");
        Assert.Contains(notices!.Items, n => n.JobId == job.Id && n.Title == $"{description} — terminée, 1 erreur");
    }

    [Fact]
    public async Task A_problem_title_and_detail_are_in_the_callers_language_and_the_field_stays()
    {
        var admin = await fixture.App.AdminAsync();
        var french = await (await admin.PostAsJsonAsync("/api/branches?culture=fr", new { name = "" })).ProblemAsync();
        Assert.Equal(("Vérifiez le nom", "Un nom de branche compte de 1 à 100 caractères.", "name", 400),
            (french.Title, french.Detail, french.Field, french.Status));
        var english = await (await admin.PostAsJsonAsync("/api/branches?culture=en", new { name = "" })).ProblemAsync();
        Assert.Equal(("Check the name", "name"), (english.Title, english.Field));
    }

    [Fact]
    public async Task A_problem_detail_with_values_is_worded_in_the_callers_language_around_them()
    {
        var admin = await fixture.App.AdminAsync();
        var body = new { selection = new { userIds = new[] { 1L } }, courseIds = new[] { 987_654L } };
        var french = await (await admin.PostAsJsonAsync("/api/mass-actions/enroll?culture=fr", body)).ProblemAsync();
        Assert.Equal(("Cours inconnu", "Le cours n° 987654 n'existe pas.", "courseIds"), (french.Title, french.Detail, french.Field));
        var english = await (await admin.PostAsJsonAsync("/api/mass-actions/enroll?culture=en", body)).ProblemAsync();
        Assert.Equal(("Unknown course", "Course #987654 does not exist.", "courseIds"), (english.Title, english.Detail, english.Field));
    }

    [Fact]
    public async Task A_problem_quotes_a_long_value_the_caller_sent_only_in_part()
    {
        var admin = await fixture.App.AdminAsync();
        var column = new string('x', 5_000);
        var response = await admin.ImportAsync($"username,email,{column}\nann,ann@example.com,1\n");
        var problem = await response.ProblemAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.Detail!.Length < 300, $"the detail is {problem.Detail.Length} characters long");
        Assert.StartsWith("Column 'xxxx", problem.Detail, StringComparison.Ordinal);
    }
}
