using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Offload.Web.Tests;

/// <summary>Small chunks, so an original job writes many change records and an undo reverts them over several chunks.</summary>
public sealed class UndoApp : IDisposable
{
    public OffloadApp App { get; } = new();

    public UndoApp()
    {
        App.Settings["Offload:Workers"] = "0";
        App.Settings["Offload:ChunkSize"] = "7";
    }

    public void Dispose() => App.Dispose();
}

/// <summary>
/// POST /api/jobs/{id}/undo on real data: a new job that reverts exactly what the original changed, leaves what was changed
/// since (an error row each), and exists once per job.
/// </summary>
public sealed class UndoTests(UndoApp fixture) : IClassFixture<UndoApp>
{
    private const string ChangedSince = "Changed since the original job; left as it is.";
    private readonly OffloadApp _app = fixture.App;

    private async Task<JobBody> RunAsync(HttpClient client, Guid id)
    {
        await _app.RunQueuedJobsAsync();
        return (await client.GetFromJsonAsync<JobBody>($"/api/jobs/{id}"))!;
    }

    private static Task<HttpResponseMessage> UndoAsync(HttpClient client, Guid id) => client.PostAsync($"/api/jobs/{id}/undo", null);

    private static async Task<JobBody> StartUndoAsync(HttpClient client, Guid id)
    {
        var response = await UndoAsync(client, id);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id.ToString(), body.GetProperty("job").GetProperty("undoOf").GetString());
        return body.GetProperty("job").Deserialize<JobBody>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private async Task<List<UserBody>> UsersAsync(HttpClient admin, string prefix, int count)
    {
        var users = new List<UserBody>();
        for (var i = 0; i < count; i++) users.Add(await admin.CreateUserAsync($"{prefix}-{i:00}"));
        return users;
    }

    private static object Selection(IEnumerable<UserBody> users) => new { userIds = users.Select(u => u.Id).ToArray() };

    [Fact]
    public async Task Undoing_an_enroll_removes_the_enrollments_it_created_and_leaves_those_changed_since()
    {
        var admin = await _app.AdminAsync();
        var course = await admin.CreateCourseAsync("UNDO-EN");
        var users = await UsersAsync(admin, "undo-en", 50);
        var before = await admin.StartAsync("enroll", new { selection = Selection(users[..1]), courseIds = new[] { course.Id } });
        await RunAsync(admin, before.Id);
        var first = (await admin.EnrollmentsAsync(users[0].Id)).Single().EnrolledAt;
        var enroll = await admin.StartAsync("enroll", new { selection = Selection(users), courseIds = new[] { course.Id } });
        Assert.Equal("completed", (await RunAsync(admin, enroll.Id)).Status);
        // Two of them unenrolled by hand since, and one of those enrolled again.
        var unenroll = await admin.StartAsync("unenroll", new { selection = Selection([users[10], users[30]]), courseIds = new[] { course.Id } });
        await RunAsync(admin, unenroll.Id);
        var again = await admin.StartAsync("enroll", new { selection = Selection([users[30]]), courseIds = new[] { course.Id } });
        await RunAsync(admin, again.Id);
        // And one deleted: its enrollment went with it, which the undo tells apart from a change.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/users/{users[40].Id}")).StatusCode);

        var undo = await StartUndoAsync(admin, enroll.Id);
        Assert.Equal(("jobs.undo", 49L), (undo.Kind, undo.Total)); // users[0] was enrolled before: no change of the job's
        Assert.Equal("Undo of: Enroll 50 users in 1 course", undo.Description);
        var done = await RunAsync(admin, undo.Id);

        Assert.Equal(("completed", 49L, 3L), (done.Status, done.Processed, done.ErrorCount));
        Assert.Equal([$"{ChangedSince},undo-en-10", $"{ChangedSince},undo-en-30", $"This user no longer exists.,{users[40].Id}"],
            (await admin.ErrorLinesAsync(undo.Id)).Select(l => string.Join(',', l.Split(',')[2..])));
        Assert.Equal(first, (await admin.EnrollmentsAsync(users[0].Id)).Single().EnrolledAt);
        Assert.Single(await admin.EnrollmentsAsync(users[30].Id));
        foreach (var u in users.Where((_, i) => i is not (0 or 30 or 40))) Assert.Empty(await admin.EnrollmentsAsync(u.Id));
    }

    [Fact]
    public async Task Undoing_an_unenroll_restores_the_enrollments_with_their_dates_unless_enrolled_again()
    {
        var admin = await _app.AdminAsync();
        var (alg, bio) = (await admin.CreateCourseAsync("UNDO-UN-1"), await admin.CreateCourseAsync("UNDO-UN-2"));
        var users = await UsersAsync(admin, "undo-un", 12);
        await RunAsync(admin, (await admin.StartAsync("enroll", new { selection = Selection(users), courseIds = new[] { alg.Id, bio.Id } })).Id);
        var dates = (await admin.EnrollmentsAsync(users[0].Id)).ToDictionary(e => e.CourseId, e => e.EnrolledAt);
        var unenroll = await admin.StartAsync("unenroll", new { selection = Selection(users), courseIds = new[] { alg.Id, bio.Id } });
        await RunAsync(admin, unenroll.Id);
        var again = await admin.StartAsync("enroll", new { selection = Selection([users[5]]), courseIds = new[] { bio.Id } });
        await RunAsync(admin, again.Id);
        var later = (await admin.EnrollmentsAsync(users[5].Id)).Single().EnrolledAt;

        var undo = await StartUndoAsync(admin, unenroll.Id);
        var done = await RunAsync(admin, undo.Id);

        Assert.Equal(("completed", 24L, 1L), (done.Status, done.Processed, done.ErrorCount));
        Assert.EndsWith($"{ChangedSince},undo-un-05", Assert.Single(await admin.ErrorLinesAsync(undo.Id)));
        Assert.Equal(dates, (await admin.EnrollmentsAsync(users[0].Id)).ToDictionary(e => e.CourseId, e => e.EnrolledAt));
        Assert.Equal(new Dictionary<long, DateTimeOffset> { [alg.Id] = dates[alg.Id], [bio.Id] = later },
            (await admin.EnrollmentsAsync(users[5].Id)).ToDictionary(e => e.CourseId, e => e.EnrolledAt));
    }

    [Fact]
    public async Task Undoing_a_deactivation_reactivates_those_it_deactivated_and_still_inactive_and_a_deleted_user_is_an_error_row()
    {
        var admin = await _app.AdminAsync();
        var users = await UsersAsync(admin, "undo-st", 9);
        await RunAsync(admin, (await admin.StartAsync("users-status", new { selection = Selection([users[8]]), active = false })).Id);
        var deactivate = await admin.StartAsync("users-status", new { selection = Selection(users), active = false });
        await RunAsync(admin, deactivate.Id);
        await RunAsync(admin, (await admin.StartAsync("users-status", new { selection = Selection([users[2]]), active = true })).Id);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/users/{users[3].Id}")).StatusCode);

        var undo = await StartUndoAsync(admin, deactivate.Id);
        Assert.Equal(8, undo.Total);
        var done = await RunAsync(admin, undo.Id);

        Assert.Equal(("completed", 8L, 2L), (done.Status, done.Processed, done.ErrorCount));
        var errors = await admin.ErrorLinesAsync(undo.Id);
        Assert.Equal([$"userId,{ChangedSince},undo-st-02", $"userId,This user no longer exists.,{users[3].Id}"],
            errors.Select(l => string.Join(',', l.Split(',')[1..])));
        var active = new List<bool>();
        foreach (var u in users.Where((_, i) => i != 3)) active.Add((await admin.GetFromJsonAsync<UserBody>($"/api/users/{u.Id}"))!.Active);
        Assert.Equal([true, true, true, true, true, true, true, false], active);
    }

    [Fact]
    public async Task A_job_is_undone_once_and_unfinished_delete_export_and_undo_jobs_cannot_be()
    {
        var admin = await _app.AdminAsync();
        var users = await UsersAsync(admin, "undo-409", 2);
        var status = await admin.StartAsync("users-status", new { selection = Selection(users), active = false });

        var unfinished = await UndoAsync(admin, status.Id);
        Assert.Equal((HttpStatusCode.Conflict, "This job has not finished"), (unfinished.StatusCode, (await unfinished.ProblemAsync()).Title));

        await RunAsync(admin, status.Id);
        var undo = await StartUndoAsync(admin, status.Id);
        var second = await UndoAsync(admin, status.Id);
        var problem = await second.ProblemAsync();
        Assert.Equal((HttpStatusCode.Conflict, "This job was already undone", $"Its undo is job {undo.Id}."), (second.StatusCode, problem.Title, problem.Detail));

        await RunAsync(admin, undo.Id);
        var export = await admin.StartAsync("users-export", new { selection = Selection(users) });
        var delete = await admin.StartAsync("users-delete", new { selection = Selection(users) });
        await _app.RunQueuedJobsAsync();
        foreach (var id in new[] { undo.Id, export.Id, delete.Id })
        {
            var refused = await UndoAsync(admin, id);
            Assert.Equal((HttpStatusCode.Conflict, "This job cannot be undone"), (refused.StatusCode, (await refused.ProblemAsync()).Title));
        }
    }

    [Fact]
    public async Task Two_undos_of_the_same_job_at_once_make_one()
    {
        var admin = await _app.AdminAsync();
        var users = await UsersAsync(admin, "undo-race", 3);
        var status = await admin.StartAsync("users-status", new { selection = Selection(users), active = false });
        await RunAsync(admin, status.Id);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => UndoAsync(admin, status.Id)));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        var list = (await admin.GetFromJsonAsync<JsonElement>("/api/jobs?limit=200")).GetProperty("items").EnumerateArray();
        Assert.Single(list, j => j.GetProperty("undoOf").GetString() == status.Id.ToString());
    }

    [Fact]
    public async Task A_Power_Users_undo_of_an_enroll_leaves_the_users_who_left_their_branches_enrolled()
    {
        var admin = await _app.AdminAsync();
        var (lyon, nice) = (await admin.CreateBranchAsync("Undo-en Lyon"), await admin.CreateBranchAsync("Undo-en Nice"));
        var course = await admin.CreateCourseAsync("UNDO-PU");
        var staying = await admin.CreateUserAsync("undo-pu-en-staying", "user", lyon.Id);
        var moving = await admin.CreateUserAsync("undo-pu-en-moving", "user", lyon.Id);
        var (pu, _) = await _app.UserAsync("undo-pu-en", "poweruser", lyon.Id);
        var enroll = await pu.StartAsync("enroll", new { selection = Selection([staying, moving]), courseIds = new[] { course.Id } });
        await _app.RunQueuedJobsAsync();
        var body = new { username = moving.Username, email = moving.Email, firstName = moving.FirstName, lastName = moving.LastName,
            language = "en", active = true, role = "user", branchIds = new[] { nice.Id } };
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/users/{moving.Id}", body)).StatusCode);

        var done = await RunAsync(pu, (await StartUndoAsync(pu, enroll.Id)).Id);

        Assert.Equal(("completed", 2L, 1L), (done.Status, done.Processed, done.ErrorCount));
        Assert.EndsWith($"This user was not found or is outside your branches.,{moving.Id}", Assert.Single(await pu.ErrorLinesAsync(done.Id)));
        Assert.Empty(await admin.EnrollmentsAsync(staying.Id));
        Assert.Single(await admin.EnrollmentsAsync(moving.Id));
    }

    [Fact]
    public async Task A_Power_User_undoes_only_their_own_jobs_and_their_branches_are_checked_again()
    {
        var admin = await _app.AdminAsync();
        var (lyon, nice) = (await admin.CreateBranchAsync("Undo Lyon"), await admin.CreateBranchAsync("Undo Nice"));
        var inLyon = await admin.CreateUserAsync("undo-pu-lyon", "user", lyon.Id);
        var moving = await admin.CreateUserAsync("undo-pu-moving", "user", lyon.Id);
        var (pu, _) = await _app.UserAsync("undo-pu", "poweruser", lyon.Id);
        var adminsJob = await admin.StartAsync("users-status", new { selection = Selection([inLyon]), active = true });
        var own = await pu.StartAsync("users-status", new { selection = Selection([inLyon, moving]), active = false });
        await _app.RunQueuedJobsAsync();
        // moving leaves the Power User's branches before the undo runs.
        var body = new { username = moving.Username, email = moving.Email, firstName = moving.FirstName, lastName = moving.LastName,
            language = "en", active = false, role = "user", branchIds = new[] { nice.Id } };
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/users/{moving.Id}", body)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await UndoAsync(pu, adminsJob.Id)).StatusCode);
        var undo = await StartUndoAsync(pu, own.Id);
        Assert.Equal("undo-pu", undo.Owner.Username);
        var done = await RunAsync(pu, undo.Id);

        Assert.Equal(("completed", 2L, 1L), (done.Status, done.Processed, done.ErrorCount));
        Assert.Contains("was not found or is outside your branches", Assert.Single(await pu.ErrorLinesAsync(undo.Id)));
        Assert.True((await admin.GetFromJsonAsync<UserBody>($"/api/users/{inLyon.Id}"))!.Active);
        Assert.False((await admin.GetFromJsonAsync<UserBody>($"/api/users/{moving.Id}"))!.Active);
    }
}
