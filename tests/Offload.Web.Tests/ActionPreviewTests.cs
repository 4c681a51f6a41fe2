using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Offload.Web.Tests;

/// <summary>
/// The previews of the five selection actions (SPEC §9): each is checked against the job that the same body then
/// starts — its error rows are the preview's outOfScope, the users it changes are inScope − noChange.
/// </summary>
public sealed class ActionPreviewTests(ManualApp fixture) : IClassFixture<ManualApp>
{
    private readonly OffloadApp _app = fixture.App;

    private sealed record ActionPreviewBody(long Total, long InScope, long OutOfScope, long NoChange, int EstimatedSeconds);

    private static async Task<ActionPreviewBody> PreviewAsync(HttpClient client, string action, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/mass-actions/{action}/preview", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {text}");
        // The field names are SPEC §9's, exactly.
        using var json = JsonDocument.Parse(text);
        Assert.Equal(["total", "inScope", "outOfScope", "noChange", "estimatedSeconds"], json.RootElement.EnumerateObject().Select(p => p.Name));
        return JsonSerializer.Deserialize<ActionPreviewBody>(text, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    /// <summary>
    /// Previews <paramref name="body"/>, starts the action with it and runs the job, then checks the job did what the
    /// preview said, watching <paramref name="watched"/> (every user the selection may touch) for changes.
    /// </summary>
    private async Task<(long Total, long InScope, long OutOfScope, long NoChange)> PreviewThenRunAsync(HttpClient admin, HttpClient client, string action,
        object body, params long[] watched)
    {
        var preview = await PreviewAsync(client, action, body);
        var before = await StatesAsync(admin, watched);
        var job = await client.StartAsync(action, body);
        await _app.RunQueuedJobsAsync();
        var done = (await client.GetFromJsonAsync<JobBody>($"/api/jobs/{job.Id}"))!;
        var after = await StatesAsync(admin, watched);

        Assert.Equal("completed", done.Status);
        Assert.Equal((preview.Total, preview.OutOfScope), (done.Total, done.ErrorCount));
        Assert.Equal(preview.Total, preview.InScope + preview.OutOfScope);
        Assert.InRange(preview.EstimatedSeconds, 1, 60);
        var changed = watched.Count(id => before[id] != after[id]);
        if (action == "users-export")
        {
            Assert.Equal(0, changed);
            var rows = (await client.GetStringAsync($"/api/jobs/{job.Id}/result")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
            Assert.Equal(preview.InScope, rows);
        }
        else
        {
            Assert.Equal(preview.InScope - preview.NoChange, changed);
        }
        return (preview.Total, preview.InScope, preview.OutOfScope, preview.NoChange);
    }

    /// <summary>What an action may change of each user, as a Superadmin reads it: gone, or active and enrolled where.</summary>
    private static async Task<Dictionary<long, string>> StatesAsync(HttpClient admin, long[] ids)
    {
        var states = new Dictionary<long, string>();
        foreach (var id in ids)
        {
            var response = await admin.GetAsync($"/api/users/{id}");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                states[id] = "gone";
                continue;
            }
            var user = (await response.Content.ReadFromJsonAsync<UserBody>())!;
            states[id] = $"{user.Active}:{string.Join(",", (await admin.EnrollmentsAsync(id)).Select(e => e.CourseCode))}";
        }
        return states;
    }

    private async Task<long> MyIdAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<UserBody>("/api/me"))!.Id;

    private async Task EnrollAsync(HttpClient admin, long[] users, params long[] courses)
    {
        await admin.StartAsync("enroll", new { selection = new { userIds = users }, courseIds = courses });
        await _app.RunQueuedJobsAsync();
    }

    [Fact]
    public async Task Enroll_counts_users_already_in_every_course_as_no_change_and_missing_ids_as_out_of_scope()
    {
        var admin = await _app.AdminAsync();
        var c1 = await admin.CreateCourseAsync("PV-EN-1");
        var c2 = await admin.CreateCourseAsync("PV-EN-2");
        var both = await admin.CreateUserAsync("pv-en-both");
        var one = await admin.CreateUserAsync("pv-en-one");
        var none = await admin.CreateUserAsync("pv-en-none");
        var boss = await admin.CreateUserAsync("pv-en-boss", "superadmin");
        await EnrollAsync(admin, [both.Id], c1.Id, c2.Id);
        await EnrollAsync(admin, [one.Id], c2.Id);

        var body = new { selection = new { userIds = new[] { both.Id, one.Id, none.Id, boss.Id, 999_999L, none.Id } }, courseIds = new[] { c1.Id, c2.Id } };

        Assert.Equal((5L, 4L, 1L, 1L), await PreviewThenRunAsync(admin, admin, "enroll", body, both.Id, one.Id, none.Id, boss.Id));
    }

    [Fact]
    public async Task Unenroll_counts_users_in_none_of_the_courses_as_no_change()
    {
        var admin = await _app.AdminAsync();
        var c1 = await admin.CreateCourseAsync("PV-UN-1");
        var c2 = await admin.CreateCourseAsync("PV-UN-2");
        var both = await admin.CreateUserAsync("pv-un-both");
        var one = await admin.CreateUserAsync("pv-un-one");
        var none = await admin.CreateUserAsync("pv-un-none");
        await EnrollAsync(admin, [both.Id], c1.Id, c2.Id);
        await EnrollAsync(admin, [one.Id], c1.Id);

        var body = new { selection = new { userIds = new[] { both.Id, one.Id, none.Id, 999_998L } }, courseIds = new[] { c1.Id, c2.Id } };

        Assert.Equal((4L, 3L, 1L, 1L), await PreviewThenRunAsync(admin, admin, "unenroll", body, both.Id, one.Id, none.Id));
    }

    [Fact]
    public async Task A_power_user_deactivating_sees_other_branches_administrators_and_themselves_out_of_scope()
    {
        var admin = await _app.AdminAsync();
        var mine = await admin.CreateBranchAsync("PV status mine");
        var other = await admin.CreateBranchAsync("PV status other");
        var pu = await admin.CreateUserAsync("pv-st-pu", "poweruser", mine.Id);
        var active = await admin.CreateUserAsync("pv-st-active", "user", mine.Id);
        var inactive = await admin.CreateUserAsync("pv-st-inactive", "user", mine.Id);
        var outside = await admin.CreateUserAsync("pv-st-outside", "user", other.Id);
        var colleague = await admin.CreateUserAsync("pv-st-colleague", "poweruser", mine.Id);
        await admin.StartAsync("users-status", new { selection = new { userIds = new[] { inactive.Id } }, active = false });
        await _app.RunQueuedJobsAsync();
        var client = await _app.ClientForIdAsync(pu.Id);

        var ids = new[] { active.Id, inactive.Id, outside.Id, colleague.Id, pu.Id, 999_997L };
        Assert.Equal((6L, 2L, 4L, 1L), await PreviewThenRunAsync(admin, client, "users-status", new { selection = new { userIds = ids }, active = false },
            active.Id, inactive.Id, outside.Id, colleague.Id, pu.Id));
    }

    [Fact]
    public async Task A_Superadmin_cannot_deactivate_themselves_but_activating_themselves_is_no_change()
    {
        var admin = await _app.AdminAsync();
        var me = await MyIdAsync(admin);
        var user = await admin.CreateUserAsync("pv-self-user");

        Assert.Equal((2L, 1L, 1L, 0L), await PreviewThenRunAsync(admin, admin, "users-status", new { selection = new { userIds = new[] { me, user.Id } }, active = false },
            me, user.Id));
        Assert.Equal((2L, 2L, 0L, 1L), await PreviewThenRunAsync(admin, admin, "users-status", new { selection = new { userIds = new[] { me, user.Id } }, active = true },
            me, user.Id));
    }

    [Fact]
    public async Task Delete_refuses_the_acting_user_and_deletes_another_Superadmin()
    {
        var admin = await _app.AdminAsync();
        var me = await MyIdAsync(admin);
        var boss = await admin.CreateUserAsync("pv-del-boss", "superadmin");
        var user = await admin.CreateUserAsync("pv-del-user");

        Assert.Equal((4L, 2L, 2L, 0L), await PreviewThenRunAsync(admin, admin, "users-delete", new { selection = new { userIds = new[] { me, boss.Id, user.Id, 999_996L } } },
            me, boss.Id, user.Id));
    }

    [Fact]
    public async Task A_power_user_deleting_by_filter_sees_administrators_of_their_branch_and_themselves_out_of_scope()
    {
        var admin = await _app.AdminAsync();
        var mine = await admin.CreateBranchAsync("PV delete mine");
        var other = await admin.CreateBranchAsync("PV delete other");
        var pu = await admin.CreateUserAsync("pv-dl-pu", "poweruser", mine.Id);
        var colleague = await admin.CreateUserAsync("pv-dl-colleague", "poweruser", mine.Id);
        var boss = await admin.CreateUserAsync("pv-dl-boss", "superadmin", mine.Id);
        var users = new[] { await admin.CreateUserAsync("pv-dl-u1", "user", mine.Id), await admin.CreateUserAsync("pv-dl-u2", "user", mine.Id) };
        var outside = await admin.CreateUserAsync("pv-dl-outside", "user", other.Id);
        var client = await _app.ClientForIdAsync(pu.Id);

        // The filter matches only the Power User's branch: pu, colleague, boss and the two users; outside is not even counted.
        Assert.Equal((5L, 2L, 3L, 0L), await PreviewThenRunAsync(admin, client, "users-delete", new { selection = new { filter = new { text = "pv-dl-" } } },
            pu.Id, colleague.Id, boss.Id, users[0].Id, users[1].Id, outside.Id));
    }

    [Fact]
    public async Task Export_by_filter_and_by_ids_counts_the_rows_the_file_will_hold()
    {
        var admin = await _app.AdminAsync();
        var branch = await admin.CreateBranchAsync("PV export");
        var other = await admin.CreateBranchAsync("PV export other");
        var pu = await admin.CreateUserAsync("pv-ex-pu", "poweruser", branch.Id);
        var users = new[] { await admin.CreateUserAsync("pv-ex-1", "user", branch.Id), await admin.CreateUserAsync("pv-ex-2", "user", branch.Id) };
        var outside = await admin.CreateUserAsync("pv-ex-outside", "user", other.Id);

        Assert.Equal((3L, 3L, 0L, 0L), await PreviewThenRunAsync(admin, admin, "users-export", new { selection = new { filter = new { branchId = branch.Id } }, columns = new[] { "username" } }));
        var client = await _app.ClientForIdAsync(pu.Id);
        // A Power User exports only plain users of their branches: themselves, another branch and a missing id are errors.
        Assert.Equal((5L, 2L, 3L, 0L), await PreviewThenRunAsync(admin, client, "users-export",
            new { selection = new { userIds = new[] { users[0].Id, users[1].Id, pu.Id, outside.Id, 999_995L } } }));
    }

    [Fact]
    public async Task A_power_user_enrolling_by_filter_gets_exact_counts_inside_their_branches()
    {
        var admin = await _app.AdminAsync();
        var mine = await admin.CreateBranchAsync("PV enroll mine");
        var other = await admin.CreateBranchAsync("PV enroll other");
        var course = await admin.CreateCourseAsync("PV-EF");
        var pu = await admin.CreateUserAsync("pv-ef-pu", "poweruser", mine.Id);
        var enrolled = await admin.CreateUserAsync("pv-ef-enrolled", "user", mine.Id);
        var fresh = await admin.CreateUserAsync("pv-ef-fresh", "user", mine.Id);
        var both = await admin.CreateUserAsync("pv-ef-both", "user", mine.Id, other.Id);
        var outside = await admin.CreateUserAsync("pv-ef-outside", "user", other.Id);
        await EnrollAsync(admin, [enrolled.Id], course.Id);
        var client = await _app.ClientForIdAsync(pu.Id);

        Assert.Equal((4L, 3L, 1L, 1L), await PreviewThenRunAsync(admin, client, "enroll", new { selection = new { filter = new { text = "pv-ef-" } }, courseIds = new[] { course.Id } },
            pu.Id, enrolled.Id, fresh.Id, both.Id, outside.Id));
    }

    private static readonly (string Action, string Body)[] BadBodies =
    [
        ("enroll", """{"courseIds": [1]}"""),
        ("enroll", """{"selection": {"userIds": [1]}}"""),
        ("enroll", """{"selection": {"userIds": [1]}, "courseIds": [987654]}"""),
        ("unenroll", """{"selection": {"userIds": [1], "filter": {}}, "courseIds": [1]}"""),
        ("users-status", """{"selection": {"userIds": [1]}}"""),
        ("users-status", """{"selection": {"userIds": []}, "active": true}"""),
        ("users-delete", """{"selection": {"userIds": [0]}}"""),
        ("users-delete", """{"selection": {"filter": {"text": "no-such-user-anywhere"}}}"""),
        ("users-export", """{"selection": {"userIds": [1]}, "columns": ["username", "password"]}"""),
        ("users-export", """{"selection": {"userIds": [1]}, "columns": ["email", "EMAIL"]}"""),
        ("users-export", """{"selection": {"userIds": ["one"]}}"""),
        ("users-export", """not json"""),
    ];

    [Fact]
    public async Task A_bad_body_gets_the_same_problem_from_the_preview_as_from_the_action_and_starts_nothing()
    {
        var admin = await _app.AdminAsync();
        await admin.CreateCourseAsync("PV-BAD"); // so that course #1 exists whichever test runs first
        var jobsBefore = (await admin.GetFromJsonAsync<JobListBody>("/api/jobs?scope=all"))!.Items.Count;

        foreach (var (action, body) in BadBodies)
        {
            async Task<(HttpStatusCode, ProblemBody)> AskAsync(string path)
            {
                var response = await admin.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
                return (response.StatusCode, await response.ProblemAsync());
            }

            var preview = await AskAsync($"/api/mass-actions/{action}/preview");
            Assert.Equal(HttpStatusCode.BadRequest, preview.Item1);
            Assert.Equal(await AskAsync($"/api/mass-actions/{action}"), preview);
        }
        Assert.Equal(jobsBefore, (await admin.GetFromJsonAsync<JobListBody>("/api/jobs?scope=all"))!.Items.Count);
    }
}
