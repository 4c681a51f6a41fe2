using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs.Storage;
using Offload.Platform.Users;

namespace Offload.Web.Tests;

/// <summary>
/// The failed-rows file and "Retry failed items" (SPEC §10), through real HTTP on the store the run is for: the file an
/// admin fixes and uploads back, and the retry that runs exactly the failed items with the rights of whoever asks.
/// </summary>
public sealed class RetryTests(ManualApp fixture) : IClassFixture<ManualApp>
{
    private readonly OffloadApp _app = fixture.App;

    private async Task<JobBody> RunAsync(HttpClient client, Guid id)
    {
        await _app.RunQueuedJobsAsync();
        return (await client.GetFromJsonAsync<JobBody>($"/api/jobs/{id}"))!;
    }

    private Task<User?> FindAsync(string username) =>
        _app.Services.GetRequiredService<IUserStore>().FindByUsernameAsync(new FindUserRequest(username), default);

    /// <summary>Each failed row's messages joined, from the job's own error rows: the test does not depend on their wording.</summary>
    private async Task<Dictionary<long, string>> ErrorsByRowAsync(Guid job)
    {
        var rows = new Dictionary<long, List<string>>();
        await foreach (var e in _app.Services.GetRequiredService<IJobMonitor>().ReadErrorsAsync(new ReadErrorsRequest(job), default))
            (rows.TryGetValue(e.Row, out var list) ? list : rows[e.Row] = []).Add(e.Message);
        return rows.ToDictionary(r => r.Key, r => string.Join("; ", r.Value));
    }

    private static string[] Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'))];

    /// <summary>A CSV cell as the file writes it: quoted when it holds the delimiter or a quote.</summary>
    private static string Cell(string value, char delimiter) =>
        value.Contains(delimiter) || value.Contains('"') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    private static async Task<string> FailedFileAsync(HttpClient client, Guid job)
    {
        var response = await client.GetAsync($"/api/jobs/{job}/failed.csv");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"failed-{job:N}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> RetryAsync(HttpClient client, Guid job)
    {
        var response = await client.PostAsync($"/api/jobs/{job}/retry", null);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task The_failed_rows_file_of_an_import_is_the_bad_rows_as_uploaded_and_imports_back_with_no_error_once_fixed()
    {
        var admin = await _app.AdminAsync();
        // Semicolons, an unusual column order and case, a quoted cell, and values a spreadsheet would compute.
        var created = await admin.ImportJobAsync(
            "Email;UserName;Language;Password;FirstName\r\n" +
            "fr-ok1@example.com;fr-ok1;en;;Ann\r\n" +
            "not-an-email;fr-bad1;en;;Bob\r\n" +
            "fr-bad2@example.com;fr-bad2;de;;\"Carl; Jr\"\r\n" +
            "fr-ok2@example.com;fr-ok2;fr;;Dan\r\n" +
            "fr-bad3@example.com;@fr-bad3;xx;=secret-pw-1;-Eve\r\n" +
            "also-bad;fr-bad4;de;;Fay\r\n", "people.csv");
        var done = await RunAsync(admin, created.Id);
        Assert.Equal(("completed", 6L), (done.Status, done.Processed));
        var errors = await ErrorsByRowAsync(created.Id);
        Assert.Equal([3L, 4L, 6L, 7L], errors.Keys.Order());
        Assert.Contains("; ", errors[7]); // two faults on one row: one line, both messages

        var lines = Lines(await FailedFileAsync(admin, created.Id));
        Assert.Equal(
        [
            "Email;UserName;Language;Password;FirstName;error",
            $"not-an-email;fr-bad1;en;;Bob;{Cell(errors[3], ';')}",
            $"fr-bad2@example.com;fr-bad2;de;;\"Carl; Jr\";{Cell(errors[4], ';')}",
            // Formula-safe: the apostrophe a spreadsheet shows as text, which the import takes off again.
            $"fr-bad3@example.com;'@fr-bad3;xx;'=secret-pw-1;'-Eve;{Cell(errors[6], ';')}",
            $"also-bad;fr-bad4;de;;Fay;{Cell(errors[7], ';')}",
        ], lines);

        // The admin fixes three rows in the spreadsheet, leaves one as it was and keeps the error column.
        var fixedOnce = string.Join("\r\n",
        [
            lines[0],
            lines[1].Replace("not-an-email", "fr-bad1@example.com"),
            lines[2].Replace(";de;", ";en;"),
            lines[3].Replace(";xx;", ";fr;"),
            lines[4],
        ]) + "\r\n";
        var again = await admin.ImportJobAsync(fixedOnce, "people-fixed.csv");
        Assert.Equal(4, again.Total);
        var againDone = await RunAsync(admin, again.Id);
        // Only the row left as it was fails, with its two faults.
        Assert.Equal(("completed", 2L), (againDone.Status, againDone.ErrorCount));
        Assert.Equal("Carl; Jr", (await FindAsync("fr-bad2"))!.FirstName);
        var bad3 = (await FindAsync("@fr-bad3"))!;
        Assert.Equal(("fr", "-Eve"), (bad3.Language, bad3.FirstName));
        using (var signIn = _app.CreateClient())
        {
            var token = await signIn.PostAsJsonAsync("/api/auth/tokens", new { username = "@fr-bad3", password = "=secret-pw-1" });
            Assert.Equal(HttpStatusCode.Created, token.StatusCode);
        }

        // Its own failed-rows file replaces the error column in place: never a second one.
        var second = Lines(await FailedFileAsync(admin, again.Id));
        var stillBad = await ErrorsByRowAsync(again.Id);
        Assert.Equal(["Email;UserName;Language;Password;FirstName;error", $"also-bad;fr-bad4;de;;Fay;{Cell(stillBad[5], ';')}"], second);

        var last = await admin.ImportJobAsync(second[0] + "\r\n" + second[1].Replace("also-bad", "fr-bad4@example.com").Replace(";de;", ";en;") + "\r\n");
        var lastDone = await RunAsync(admin, last.Id);
        Assert.Equal(("completed", 0L), (lastDone.Status, lastDone.ErrorCount));
        Assert.NotNull(await FindAsync("fr-bad4"));
        Assert.Equal(["Email;UserName;Language;Password;FirstName;error"], Lines(await FailedFileAsync(admin, last.Id)));
    }

    [Fact]
    public async Task A_retried_import_runs_the_failed_rows_of_the_upload_again()
    {
        var admin = await _app.AdminAsync();
        var created = await admin.ImportJobAsync("username,branch,email\nri-ok,,ri-ok@example.com\nri-later,Retry later,ri-later@example.com\n", "later.csv");
        Assert.Equal(1, (await RunAsync(admin, created.Id)).ErrorCount);
        await admin.CreateBranchAsync("Retry later");

        var (status, body) = await RetryAsync(admin, created.Id);
        Assert.Equal(HttpStatusCode.Accepted, status);
        var job = body.GetProperty("job");
        Assert.Equal(("users.import", 1L), (job.GetProperty("kind").GetString(), job.GetProperty("total").GetInt64()));
        Assert.Equal(created.Id, job.GetProperty("retryOf").GetGuid());
        Assert.Equal("Retry of failed items: Import of later.csv (1 row)", job.GetProperty("description").GetString());
        var retried = await RunAsync(admin, job.GetProperty("id").GetGuid());
        Assert.Equal(("completed", 0L), (retried.Status, retried.ErrorCount));
        Assert.NotNull(await FindAsync("ri-later"));
    }

    [Fact]
    public async Task A_retried_enroll_runs_only_the_failed_ids_with_the_rights_of_whoever_asks()
    {
        var admin = await _app.AdminAsync();
        var mine = await admin.CreateBranchAsync("Retry mine");
        var other = await admin.CreateBranchAsync("Retry other");
        var course = await admin.CreateCourseAsync("RETRY-1");
        var (pu, _) = await _app.UserAsync("retry-pu", "poweruser", mine.Id);
        var inScope = await admin.CreateUserAsync("re-in", "user", mine.Id);
        var outOfScope = await admin.CreateUserAsync("re-out", "user", other.Id);
        var colleague = await admin.CreateUserAsync("re-colleague", "poweruser", mine.Id);

        var job = await pu.StartAsync("enroll", new { selection = new { userIds = new[] { inScope.Id, outOfScope.Id, colleague.Id } }, courseIds = new[] { course.Id } });
        var done = await RunAsync(pu, job.Id);
        Assert.Equal(2, done.ErrorCount);
        var errors = await ErrorsByRowAsync(job.Id);
        // The user the Power User may not see has no name in the file; the one they may see has theirs.
        Assert.Equal(
        [
            "userId,username,error",
            $"{outOfScope.Id},,{Cell(errors[2], ',')}",
            $"{colleague.Id},re-colleague,{Cell(errors[3], ',')}",
        ], Lines(await FailedFileAsync(pu, job.Id)));

        // The Power User's own retry: the same rules, the same refusals.
        var (status, body) = await RetryAsync(pu, job.Id);
        Assert.Equal(HttpStatusCode.Accepted, status);
        var theirs = await RunAsync(pu, body.GetProperty("job").GetProperty("id").GetGuid());
        Assert.Equal((2L, 2L), (theirs.Total, theirs.ErrorCount));

        // A Superadmin's retry is the Superadmin's job, run with the Superadmin's rights: both go through, nobody else is touched.
        (status, body) = await RetryAsync(admin, job.Id);
        Assert.Equal(HttpStatusCode.Accepted, status);
        var retry = body.GetProperty("job");
        Assert.Equal(("admin", 2L, "Retry of failed items: Enroll 2 users in 1 course"),
            (retry.GetProperty("owner").GetProperty("username").GetString(), retry.GetProperty("total").GetInt64(), retry.GetProperty("description").GetString()));
        var ran = await RunAsync(admin, retry.GetProperty("id").GetGuid());
        Assert.Equal(("completed", 2L, 0L), (ran.Status, ran.Processed, ran.ErrorCount));
        Assert.Equal(["RETRY-1"], (await admin.EnrollmentsAsync(outOfScope.Id)).Select(e => e.CourseCode));
        Assert.Equal(["RETRY-1"], (await admin.EnrollmentsAsync(colleague.Id)).Select(e => e.CourseCode));
        Assert.Single(await admin.EnrollmentsAsync(inScope.Id));
    }

    [Fact]
    public async Task Unfinished_jobs_jobs_without_errors_and_undos_are_refused_with_409_and_a_clean_job_has_an_empty_file()
    {
        var admin = await _app.AdminAsync();
        var course = await admin.CreateCourseAsync("RETRY-409");
        var user = await admin.CreateUserAsync("re-409");
        var queued = await admin.StartAsync("enroll", new { selection = new { userIds = new[] { user.Id } }, courseIds = new[] { course.Id } });

        var file = await admin.GetAsync($"/api/jobs/{queued.Id}/failed.csv");
        Assert.Equal(HttpStatusCode.Conflict, file.StatusCode);
        Assert.Equal("The job has not finished", (await file.ProblemAsync()).Title);
        var retry = await admin.PostAsync($"/api/jobs/{queued.Id}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        var problem = await retry.ProblemAsync();
        Assert.Equal(("This job cannot be retried", "id"), (problem.Title, problem.Field));

        Assert.Equal(0, (await RunAsync(admin, queued.Id)).ErrorCount);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/jobs/{queued.Id}/retry", null)).StatusCode);
        Assert.Equal(["userId,username,error"], Lines(await FailedFileAsync(admin, queued.Id)));

        var import = await admin.ImportJobAsync("username,email\nre-clean,re-clean@example.com\n");
        Assert.Equal(0, (await RunAsync(admin, import.Id)).ErrorCount);
        Assert.Equal(["username,email,error"], Lines(await FailedFileAsync(admin, import.Id)));

        foreach (var path in new[] { $"/api/jobs/{Guid.NewGuid()}/failed.csv", "/api/jobs/not-a-guid/failed.csv" })
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/jobs/{Guid.NewGuid()}/retry", null)).StatusCode);
    }

    [Fact]
    public async Task French_callers_read_the_retry_in_french()
    {
        var admin = await _app.AdminAsync();
        var created = await admin.ImportJobAsync("username,email\nre-fr,not-an-email\n", "fr.csv");
        await RunAsync(admin, created.Id);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/jobs/{created.Id}/retry?culture=fr");
        var response = await admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job");
        Assert.Equal("Relance des éléments en échec : Import de fr.csv (1 ligne)", job.GetProperty("description").GetString());
        var file = Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/api/jobs/{created.Id}/failed.csv"));
        Assert.StartsWith("username,email,error\r\nre-fr,not-an-email,", file);
    }
}
