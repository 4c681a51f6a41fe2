using System.Net;
using System.Net.Http.Json;

namespace Offload.Web.Tests;

/// <summary>The five mass actions on selections, on real data, with jobs run when the test says so.</summary>
public sealed class MassActionTests(ManualApp fixture) : IClassFixture<ManualApp>
{
    private readonly OffloadApp _app = fixture.App;

    private async Task<JobBody> RunAsync(HttpClient client, JobBody job)
    {
        await _app.RunQueuedJobsAsync();
        return (await client.GetFromJsonAsync<JobBody>($"/api/jobs/{job.Id}"))!;
    }

    private static async Task<long> MyIdAsync(HttpClient client)
    {
        var me = await client.GetFromJsonAsync<Dictionary<string, object>>("/api/me");
        return long.Parse(me!["id"].ToString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Enroll_puts_every_user_in_every_course_and_already_enrolled_is_no_error()
    {
        var admin = await _app.AdminAsync();
        var c1 = await admin.CreateCourseAsync("EN-1");
        var c2 = await admin.CreateCourseAsync("EN-2");
        var u1 = await admin.CreateUserAsync("en-u1");
        var u2 = await admin.CreateUserAsync("en-u2");
        var first = await admin.StartAsync("enroll", new { selection = new { userIds = new[] { u1.Id } }, courseIds = new[] { c1.Id } });
        await RunAsync(admin, first);

        var job = await admin.StartAsync("enroll", new { selection = new { userIds = new[] { u1.Id, u2.Id, u1.Id } }, courseIds = new[] { c1.Id, c2.Id } });
        Assert.Equal("Enroll 2 users in 2 courses", job.Description);
        Assert.Equal("enrollments.create", job.Kind);
        var done = await RunAsync(admin, job);
        Assert.Equal(("completed", 2L, 0L), (done.Status, done.Processed, done.ErrorCount));
        Assert.Equal(["EN-1", "EN-2"], (await admin.EnrollmentsAsync(u1.Id)).Select(e => e.CourseCode));
        Assert.Equal(["EN-1", "EN-2"], (await admin.EnrollmentsAsync(u2.Id)).Select(e => e.CourseCode));

        var unenroll = await admin.StartAsync("unenroll", new { selection = new { userIds = new[] { u2.Id } }, courseIds = new[] { c2.Id } });
        Assert.Equal("Unenroll 1 user from 1 course", unenroll.Description);
        await RunAsync(admin, unenroll);
        Assert.Equal(["EN-1"], (await admin.EnrollmentsAsync(u2.Id)).Select(e => e.CourseCode));
    }

    [Fact]
    public async Task A_filter_is_frozen_when_the_job_is_created()
    {
        var admin = await _app.AdminAsync();
        var branch = await admin.CreateBranchAsync("Frozen branch");
        var course = await admin.CreateCourseAsync("FRZ");
        var before = new[] { await admin.CreateUserAsync("frz-1", "user", branch.Id), await admin.CreateUserAsync("frz-2", "user", branch.Id) };
        var job = await admin.StartAsync("enroll", new { selection = new { filter = new { branchId = branch.Id } }, courseIds = new[] { course.Id } });
        Assert.Equal(2, job.Total);

        var late = await admin.CreateUserAsync("frz-late", "user", branch.Id); // matches the filter, but after creation
        var done = await RunAsync(admin, job);
        Assert.Equal((2L, 0L), (done.Processed, done.ErrorCount));
        Assert.All(before, u => Assert.Single(admin.EnrollmentsAsync(u.Id).Result));
        Assert.Empty(await admin.EnrollmentsAsync(late.Id));
    }

    [Fact]
    public async Task A_user_deleted_after_creation_becomes_an_error_row()
    {
        var admin = await _app.AdminAsync();
        var course = await admin.CreateCourseAsync("GONE");
        var stays = await admin.CreateUserAsync("gone-stays");
        var goes = await admin.CreateUserAsync("gone-goes");
        var job = await admin.StartAsync("enroll", new { selection = new { userIds = new[] { stays.Id, goes.Id } }, courseIds = new[] { course.Id } });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/users/{goes.Id}")).StatusCode);
        var done = await RunAsync(admin, job);
        Assert.Equal(("completed", 1L), (done.Status, done.ErrorCount));
        Assert.Equal([$"2,userId,This user no longer exists.,{goes.Id}"], await admin.ErrorLinesAsync(job.Id));
        Assert.Single(await admin.EnrollmentsAsync(stays.Id));
    }

    [Fact]
    public async Task A_power_user_changes_only_plain_users_of_their_branches_and_the_rest_become_error_rows()
    {
        var admin = await _app.AdminAsync();
        var mine = await admin.CreateBranchAsync("PU mine");
        var other = await admin.CreateBranchAsync("PU other");
        var pu = await admin.CreateUserAsync("pu-scope", "poweruser", mine.Id);
        var inside = await admin.CreateUserAsync("pu-inside", "user", mine.Id);
        var outside = await admin.CreateUserAsync("pu-outside", "user", other.Id);
        var colleague = await admin.CreateUserAsync("pu-colleague", "poweruser", mine.Id);
        var client = await _app.ClientForIdAsync(pu.Id);

        var job = await client.StartAsync("users-status", new { selection = new { userIds = new[] { inside.Id, outside.Id, colleague.Id } }, active = false });
        Assert.Equal("Deactivate 3 users", job.Description);
        var done = await RunAsync(client, job);
        Assert.Equal(("completed", 3L, 2L), (done.Status, done.Processed, done.ErrorCount));
        Assert.Equal(
        [
            $"2,userId,This user was not found or is outside your branches.,{outside.Id}",
            "3,userId,This user is an administrator; only a Superadmin may change this account.,pu-colleague",
        ], await client.ErrorLinesAsync(job.Id));
        Assert.False((await admin.GetFromJsonAsync<UserBody>($"/api/users/{inside.Id}"))!.Active);
        Assert.True((await admin.GetFromJsonAsync<UserBody>($"/api/users/{outside.Id}"))!.Active);
        Assert.True((await admin.GetFromJsonAsync<UserBody>($"/api/users/{colleague.Id}"))!.Active);

        // A filter is limited to the Power User's branches before it is frozen.
        var filtered = await client.StartAsync("users-status", new { selection = new { filter = new { text = "pu-" } }, active = true });
        Assert.Equal(3, filtered.Total); // pu-scope, pu-inside, pu-colleague: the users of "PU mine"
    }

    [Fact]
    public async Task A_power_user_guessing_ids_learns_nothing_about_accounts_outside_their_branches()
    {
        var admin = await _app.AdminAsync();
        var adminId = await MyIdAsync(admin);
        var mine = await admin.CreateBranchAsync("Guess mine");
        var other = await admin.CreateBranchAsync("Guess other");
        var pu = await admin.CreateUserAsync("guess-pu", "poweruser", mine.Id);
        var stranger = await admin.CreateUserAsync("guess-stranger", "user", other.Id);
        var client = await _app.ClientForIdAsync(pu.Id);

        // An existing learner elsewhere, the Superadmin, an id nobody has: the same words for all three.
        var job = await client.StartAsync("users-export", new { selection = new { userIds = new[] { stranger.Id, adminId, 999_999L } } });
        var done = await RunAsync(client, job);

        Assert.Equal(("completed", 3L), (done.Status, done.ErrorCount));
        Assert.Equal(
        [
            $"1,userId,This user was not found or is outside your branches.,{stranger.Id}",
            $"2,userId,This user was not found or is outside your branches.,{adminId}",
            "3,userId,This user was not found or is outside your branches.,999999",
        ], await client.ErrorLinesAsync(job.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/users/{stranger.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_failed_job_says_why_in_words_and_never_shows_a_server_path()
    {
        var admin = await _app.AdminAsync();
        var user = await admin.CreateUserAsync("fail-reason");
        var job = await admin.StartAsync("users-status", new { selection = new { userIds = new[] { user.Id } }, active = false });
        // The job's frozen selection vanishes from the data folder before it runs.
        Directory.Delete(Path.Combine(_app.DataPath, "jobs", job.Id.ToString("N")), recursive: true);

        var done = await RunAsync(admin, job);

        Assert.Equal("failed", done.Status);
        Assert.Equal("The job's input file is missing from the server's data folder.", done.FailureReason);
        Assert.DoesNotContain(_app.DataPath, await admin.GetStringAsync($"/api/jobs/{job.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_removes_users_and_their_enrollments_but_never_the_actor_or_the_last_superadmin()
    {
        var admin = await _app.AdminAsync();
        var adminId = await MyIdAsync(admin);
        var course = await admin.CreateCourseAsync("DEL");
        var victim = await admin.CreateUserAsync("del-victim");
        var enroll = await admin.StartAsync("enroll", new { selection = new { userIds = new[] { victim.Id } }, courseIds = new[] { course.Id } });
        await RunAsync(admin, enroll);

        var job = await admin.StartAsync("users-delete", new { selection = new { userIds = new[] { victim.Id, adminId } } });
        Assert.Equal("Delete 2 users", job.Description);
        var done = await RunAsync(admin, job);
        Assert.Equal(1, done.ErrorCount);
        Assert.Equal([$"2,userId,You cannot delete your own account.,admin"], await admin.ErrorLinesAsync(job.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/users/{victim.Id}")).StatusCode);

        // Another Superadmin deleting the only other Superadmin (admin) is refused when it is the last one.
        var second = await admin.CreateUserAsync("del-second-sa", "superadmin");
        var secondClient = await _app.ClientForIdAsync(second.Id);
        var both = await secondClient.StartAsync("users-delete", new { selection = new { userIds = new[] { adminId } } });
        var allowed = await RunAsync(secondClient, both);
        Assert.Equal(0, allowed.ErrorCount); // two Superadmins: one may go
        Assert.Equal(HttpStatusCode.NotFound, (await secondClient.GetAsync($"/api/users/{adminId}")).StatusCode);
        // The job keeps its owner's authority, but never deletes the last Superadmin: "third" asks to delete
        // "second", then is demoted before the job runs — "second" is now the only Superadmin left.
        var third = await secondClient.CreateUserAsync("del-third", "superadmin");
        var thirdClient = await _app.ClientForIdAsync(third.Id);
        var last = await thirdClient.StartAsync("users-delete", new { selection = new { userIds = new[] { second.Id } } });
        var demote = await secondClient.PutAsJsonAsync($"/api/users/{third.Id}", new
        {
            username = "del-third", email = "del-third@example.com", role = "user", active = true,
        });
        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
        var refused = await RunAsync(secondClient, last);
        Assert.Equal(1, refused.ErrorCount);
        Assert.Equal(["1,userId,The last Superadmin cannot be deleted.,del-second-sa"], await secondClient.ErrorLinesAsync(last.Id));
        Assert.Equal(HttpStatusCode.OK, (await secondClient.GetAsync($"/api/users/{second.Id}")).StatusCode);
    }

    [Fact]
    public async Task Export_writes_a_downloadable_csv_safe_against_formulas()
    {
        var admin = await _app.AdminAsync();
        var branch = await admin.CreateBranchAsync("Export branch");
        var plain = await admin.CreateUserAsync("exp-plain", "user", branch.Id);
        var evil = await admin.CreateUserAsync("exp-evil", "user", branch.Id);
        await admin.PutAsJsonAsync($"/api/users/{evil.Id}", new
        {
            username = "exp-evil", email = "exp-evil@example.com", firstName = "=HYPERLINK(\"http://x\")", lastName = "Smith, Jr", branchIds = new[] { branch.Id },
        });
        var job = await admin.StartAsync("users-export", new { selection = new { filter = new { branchId = branch.Id } }, columns = new[] { "username", "firstname", "lastname", "branches" } });
        Assert.Equal("Export of 2 users", job.Description);
        Assert.False(job.HasResult);
        var done = await RunAsync(admin, job);
        Assert.True(done.HasResult);

        var response = await admin.GetAsync($"/api/jobs/{job.Id}/result");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"export-{job.Id:N}.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(
        [
            "username,firstname,lastname,branches",
            $"exp-plain,F{plain.Username},L{plain.Username},Export branch",
            "exp-evil,\"'=HYPERLINK(\"\"http://x\"\")\",\"Smith, Jr\",Export branch",
        ], lines);
    }

    [Fact]
    public async Task A_job_without_a_result_file_answers_404_for_result()
    {
        var admin = await _app.AdminAsync();
        var u = await admin.CreateUserAsync("nores");
        var job = await admin.StartAsync("users-status", new { selection = new { userIds = new[] { u.Id } }, active = true });
        var response = await admin.GetAsync($"/api/jobs/{job.Id}/result");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("This job has no result file", (await response.ProblemAsync()).Title);
    }

    public static TheoryData<string, string, string> BadRequests => new()
    {
        { "enroll", """{"courseIds":[1]}""", "selection" },
        { "enroll", """{"selection":{"userIds":[]},"courseIds":[1]}""", "selection.userIds" },
        { "enroll", """{"selection":{"userIds":[1],"filter":{"active":true}},"courseIds":[1]}""", "selection" },
        { "enroll", """{"selection":{"userIds":[1]}}""", "courseIds" },
        { "enroll", """{"selection":{"userIds":[1]},"courseIds":[987654]}""", "courseIds" },
        { "enroll", """{"selection":{"userIds":"all"},"courseIds":[1]}""", "selection.userIds" },
        { "unenroll", """{"selection":{"filter":{"text":"no-such-user-anywhere"}},"courseIds":[1]}""", "selection.filter" },
        { "users-status", """{"selection":{"userIds":[1]}}""", "active" },
        { "users-export", """{"selection":{"userIds":[1]},"columns":["password"]}""", "columns" },
        { "users-delete", """{"selection":""", "selection" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_mass_action_requests_are_a_400_naming_the_field_and_create_no_job(string action, string json, string field)
    {
        var admin = await _app.AdminAsync();
        await admin.CreateCourseAsync("BAD-" + Guid.NewGuid().ToString("N")[..6]);
        var before = (await admin.GetFromJsonAsync<JobListBody>("/api/jobs?limit=200"))!.Items.Count;
        var response = await admin.PostAsync($"/api/mass-actions/{action}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.ProblemAsync()).Field);
        Assert.Equal(before, (await admin.GetFromJsonAsync<JobListBody>("/api/jobs?limit=200"))!.Items.Count);
    }
}

/// <summary>The size check: 100,000 users enrolled in one course by one job.</summary>
public sealed class LargeEnrollmentTests(ManualApp fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ManualApp>
{
    [Fact]
    public async Task One_hundred_thousand_users_are_enrolled_in_a_course()
    {
        const int count = 100_000;
        var app = fixture.App;
        var admin = await app.AdminAsync();
        var branch = await admin.CreateBranchAsync("Big");
        var course = await admin.CreateCourseAsync("BIG-1");
        var csv = new System.Text.StringBuilder("username,email,branch\n");
        for (var i = 0; i < count; i++) csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"big{i:000000},big{i:000000}@example.com,Big\n");
        var import = await admin.ImportJobAsync(csv.ToString(), "big.csv");
        await app.RunQueuedJobsAsync();
        Assert.Equal(0, (await admin.GetFromJsonAsync<JobBody>($"/api/jobs/{import.Id}"))!.ErrorCount);

        var job = await admin.StartAsync("enroll", new { selection = new { filter = new { branchId = branch.Id } }, courseIds = new[] { course.Id } });
        Assert.Equal("Enroll 100,000 users in 1 course", job.Description);
        await app.RunQueuedJobsAsync();
        var done = await admin.GetFromJsonAsync<JobBody>($"/api/jobs/{job.Id}");
        Assert.Equal(("completed", (long)count, 0L), (done!.Status, done.Processed, done.ErrorCount));
        Assert.Equal((long)count, Convert.ToInt64(await app.Database.ScalarAsync($"SELECT count(*) FROM enrollments WHERE course_id = {course.Id}")));
        Assert.Equal((long)count, Convert.ToInt64(await app.Database.ScalarAsync($"SELECT count(DISTINCT user_id) FROM enrollments WHERE course_id = {course.Id}")));
        output.WriteLine($"enrolled {count:N0} users in {done.FinishedAt - done.StartedAt}");
    }
}
