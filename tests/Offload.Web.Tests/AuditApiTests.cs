using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Offload.Platform.Identity;

namespace Offload.Web.Tests;

/// <summary>
/// GET /api/audit and /api/audit.csv through real HTTP (issue 20): each start, retry, undo, abort and delete is recorded
/// once, with who asked and whose job it was; only Superadmins read it. Both stores (OFFLOAD_TEST_STORE=postgres).
/// </summary>
public sealed class AuditApiTests(ManualApp fixture) : IClassFixture<ManualApp>
{
    private readonly OffloadApp _app = fixture.App;

    private sealed record Entry(DateTimeOffset At, Person Actor, string Action, Guid JobId, Person Owner, Guid? NewJobId, bool JobExists);

    private sealed record Person(long Id, string Username);

    private sealed record Page(List<Entry> Items, string? NextCursor);

    private static async Task<List<Entry>> AuditAsync(HttpClient admin, string query = "")
    {
        var page = await admin.GetFromJsonAsync<Page>($"/api/audit?limit=200{query}");
        return page!.Items;
    }

    [Fact]
    public async Task Every_action_is_recorded_once_with_who_asked_and_whose_job_it_was()
    {
        var admin = await _app.AdminAsync();
        var adminId = (await admin.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("id").GetInt64();
        var branch = await admin.CreateBranchAsync("Audit A");
        var (pu, puId) = await _app.UserAsync("audit-pu", Roles.PowerUser, branch.Id);
        var me = new Person(puId, "audit-pu");
        var boss = new Person(adminId, "admin");

        var import = await pu.ImportJobAsync("username,email,branch\naudit-u1,u1@example.com,Audit A\nbad name,x@example.com,Audit A\n");
        await _app.RunQueuedJobsAsync();
        var retry = await admin.PostAsync($"/api/jobs/{import.Id}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var retryId = (await retry.Content.ReadFromJsonAsync<CreatedBody>())!.Job.Id;
        var undo = await admin.PostAsync($"/api/jobs/{import.Id}/undo", null);
        Assert.Equal(HttpStatusCode.Accepted, undo.StatusCode);
        var undoId = (await undo.Content.ReadFromJsonAsync<CreatedBody>())!.Job.Id;

        var second = await pu.ImportJobAsync("username,email,branch\naudit-u2,u2@example.com,Audit A\n");
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/jobs/{second.Id}/abort", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await pu.PostAsync($"/api/jobs/{second.Id}/abort", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/jobs/{second.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/jobs/{second.Id}")).StatusCode);

        var entries = await AuditAsync(admin);
        var ofImport = entries.Where(e => e.JobId == import.Id).ToList();
        Assert.Equal(["job.undo", "job.retry", "job.start"], ofImport.Select(e => e.Action));
        Assert.All(ofImport, e => Assert.Equal(me, e.Owner));
        Assert.All(ofImport, e => Assert.True(e.JobExists));
        Assert.Equal([boss, boss, me], ofImport.Select(e => e.Actor));
        Assert.Equal([undoId, retryId, (Guid?)null], ofImport.Select(e => e.NewJobId));
        var ofSecond = entries.Where(e => e.JobId == second.Id).ToList();
        Assert.Equal(["job.delete", "job.abort", "job.start"], ofSecond.Select(e => e.Action));
        Assert.Equal([boss, boss, me], ofSecond.Select(e => e.Actor));
        Assert.All(ofSecond, e => Assert.Equal(me, e.Owner));
        Assert.All(ofSecond, e => Assert.False(e.JobExists));
        Assert.True(entries.Zip(entries.Skip(1)).All(p => p.First.At >= p.Second.At), "newest first");

        // Filters: by the actor's username in any case, by action, both.
        Assert.Equal([second.Id, import.Id], (await AuditAsync(admin, "&actor=AUDIT-PU")).Select(e => e.JobId));
        Assert.Equal([second.Id], (await AuditAsync(admin, "&actor=admin&action=job.delete")).Where(e => e.Owner == me).Select(e => e.JobId));
    }

    [Fact]
    public async Task Only_a_superadmin_reads_it_and_a_bad_filter_names_its_field()
    {
        var admin = await _app.AdminAsync();
        var branch = await admin.CreateBranchAsync("Audit B");
        var (pu, _) = await _app.UserAsync("audit-pu-b", Roles.PowerUser, branch.Id);
        var (learner, _) = await _app.UserAsync("audit-learner", Roles.User);
        foreach (var path in new[] { "/api/audit", "/api/audit.csv" })
        {
            var refused = await pu.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal(403, (await refused.ProblemAsync()).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await learner.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().GetAsync(path)).StatusCode);
        }
        foreach (var (query, field) in new[] { ("action=job.explode", "action"), ("limit=0", "limit"), ("cursor=abc", "cursor"), ("actor=" + new string('a', 101), "actor") })
        {
            var bad = await admin.GetAsync("/api/audit?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal(field, (await bad.ProblemAsync()).Field);
        }
        var badCsv = await admin.GetAsync("/api/audit.csv?action=job.explode");
        Assert.Equal(HttpStatusCode.BadRequest, badCsv.StatusCode);
        Assert.Equal("action", (await badCsv.ProblemAsync()).Field);
    }

    [Fact]
    public async Task The_csv_is_the_filtered_list_with_cells_a_spreadsheet_will_not_run()
    {
        var admin = await _app.AdminAsync();
        var branch = await admin.CreateBranchAsync("Audit C");
        var (pu, puId) = await _app.UserAsync("-audit-csv", Roles.PowerUser, branch.Id);
        var job = await pu.ImportJobAsync("username,email,branch\naudit-c1,c1@example.com,Audit C\n");
        var response = await admin.GetAsync("/api/audit.csv?actor=-audit-csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("at,actorId,actor,action,jobId,ownerId,owner,newJobId", lines[0]);
        var row = Assert.Single(lines.Skip(1)).Split(',');
        Assert.Equal([$"{puId}", "'-audit-csv", "job.start", job.Id.ToString(), $"{puId}", "'-audit-csv", ""], row[1..]);
    }
}
