using System.Net;
using System.Net.Http.Json;
using Offload.Platform.Identity;

namespace Offload.Web.Tests;

/// <summary>No workers run: every job stays queued, so the API's rules are checked without racing a worker.</summary>
public sealed class JobsApiTests(ManualApp fixture) : IClassFixture<ManualApp>
{
    private readonly OffloadApp _app = fixture.App;
    private const string Csv = "username,email\nj1,j1@example.com\n";

    [Fact]
    public async Task Power_users_see_only_their_own_jobs_and_others_are_404()
    {
        var (anna, annaId) = await _app.UserAsync("pu-anna", Roles.PowerUser);
        var (ben, _) = await _app.UserAsync("pu-ben", Roles.PowerUser);
        var admin = await _app.AdminAsync();
        var annas = await anna.ImportJobAsync(Csv);
        var bens = await ben.ImportJobAsync(Csv);
        Assert.Equal(annaId, annas.Owner.Id);

        var annaList = await anna.GetFromJsonAsync<JobListBody>("/api/jobs?scope=all");
        Assert.Contains(annaList!.Items, j => j.Id == annas.Id);
        Assert.DoesNotContain(annaList.Items, j => j.Id == bens.Id);

        Assert.Equal(HttpStatusCode.NotFound, (await anna.GetAsync($"/api/jobs/{bens.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anna.PostAsync($"/api/jobs/{bens.Id}/abort", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anna.DeleteAsync($"/api/jobs/{bens.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anna.GetAsync($"/api/jobs/{bens.Id}/errors.csv")).StatusCode);
        Assert.Equal("queued", (await ben.GetFromJsonAsync<JobBody>($"/api/jobs/{bens.Id}"))!.Status);

        var all = await admin.GetFromJsonAsync<JobListBody>("/api/jobs?scope=all");
        Assert.Contains(all!.Items, j => j.Id == annas.Id);
        Assert.Contains(all.Items, j => j.Id == bens.Id);
        var mine = await admin.GetFromJsonAsync<JobListBody>("/api/jobs?scope=mine");
        Assert.DoesNotContain(mine!.Items, j => j.Id == annas.Id);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/jobs/{annas.Id}")).StatusCode);
    }

    [Fact]
    public async Task An_id_that_is_not_a_job_is_404()
    {
        var admin = await _app.AdminAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/jobs/not-a-guid")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/jobs/{Guid.CreateVersion7()}")).StatusCode);
    }

    [Fact]
    public async Task A_queued_job_cannot_be_deleted_but_can_be_aborted_once_then_deleted()
    {
        var admin = await _app.AdminAsync();
        var job = await admin.ImportJobAsync(Csv);
        Assert.True(Directory.Exists(Path.Combine(_app.DataPath, "jobs", job.Id.ToString("N"))));

        var delete = await admin.DeleteAsync($"/api/jobs/{job.Id}");
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Equal("The job is still running", (await delete.ProblemAsync()).Title);

        var abort = await admin.PostAsync($"/api/jobs/{job.Id}/abort", null);
        Assert.Equal(HttpStatusCode.Accepted, abort.StatusCode);
        var aborted = await abort.Content.ReadFromJsonAsync<JobBody>();
        Assert.Equal("aborted", aborted!.Status);
        Assert.NotNull(aborted.FinishedAt);

        var again = await admin.PostAsync($"/api/jobs/{job.Id}/abort", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("The job has already finished", (await again.ProblemAsync()).Title);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/jobs/{job.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/jobs/{job.Id}")).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(_app.DataPath, "jobs", job.Id.ToString("N"))));
    }

    [Fact]
    public async Task More_than_a_hundred_jobs_are_paged_newest_first()
    {
        var (pu, _) = await _app.UserAsync("pu-pager", Roles.PowerUser);
        var created = new List<Guid>();
        for (var i = 0; i < 120; i++) created.Add((await pu.ImportJobAsync(Csv)).Id);
        var first = await pu.GetFromJsonAsync<JobListBody>("/api/jobs?limit=100");
        Assert.Equal(100, first!.Items.Count);
        Assert.NotNull(first.NextCursor);
        var second = await pu.GetFromJsonAsync<JobListBody>($"/api/jobs?limit=100&cursor={first.NextCursor}");
        Assert.Equal(20, second!.Items.Count);
        Assert.Null(second.NextCursor);
        Assert.Equal(Enumerable.Reverse(created), first.Items.Concat(second.Items).Select(j => j.Id));
        var queued = await pu.GetFromJsonAsync<JobListBody>("/api/jobs?status=queued&limit=5");
        Assert.All(queued!.Items, j => Assert.Equal("queued", j.Status));
    }

    [Theory]
    [InlineData("status=bogus", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1000", "limit")]
    [InlineData("cursor=xyz", "cursor")]
    [InlineData("scope=everyone", "scope")]
    public async Task Bad_list_parameters_are_a_400_naming_the_field(string query, string field)
    {
        var admin = await _app.AdminAsync();
        var response = await admin.GetAsync($"/api/jobs?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.ProblemAsync()).Field);
    }
}
