using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Identity;

namespace Offload.Web.Tests;

/// <summary>No background workers, chunks of ten rows: the test claims and runs the job itself, so the pause's chunk boundary is exact.</summary>
public sealed class PausingApp : IDisposable
{
    public OffloadApp App { get; } = new();

    public PausingApp()
    {
        App.Settings["Offload:Workers"] = "0";
        App.Settings["Offload:ChunkSize"] = "10";
    }

    public void Dispose() => App.Dispose();
}

/// <summary>
/// Pause and resume through real HTTP on the store the run is for (SPEC §10): a running import stops at its next chunk
/// boundary with its counts frozen, and resumed completes with every row once; the status codes of each refusal; the
/// audit entries, once each.
/// </summary>
public sealed class PauseApiTests(PausingApp fixture) : IClassFixture<PausingApp>
{
    private readonly OffloadApp _app = fixture.App;

    private static string Csv(string prefix, int rows)
    {
        var csv = new StringBuilder("username,email\n");
        for (var i = 0; i < rows; i++) csv.Append(CultureInfo.InvariantCulture, $"{prefix}{i},{prefix}{i}@example.com\n");
        return csv.ToString();
    }

    private async Task<long> CountUsersAsync(string prefix) =>
        Convert.ToInt64(await _app.Database.ScalarAsync($"SELECT count(*) FROM users WHERE username LIKE '{prefix}%'"), CultureInfo.InvariantCulture);

    /// <summary>A worker's claim, as the pool would make it: the job is running and leased to "test-runner".</summary>
    private async Task<Job> ClaimAsync(Guid id)
    {
        var claimed = await _app.Services.GetRequiredService<IJobStore>().ClaimAsync(new ClaimRequest("test-runner", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)), default);
        var job = Assert.Single(claimed);
        Assert.Equal(id, job.Id);
        return job;
    }

    private Task RunAsync(Job job) => _app.Services.GetRequiredService<JobRunner>().RunAsync(job, "test-runner", default);

    private async Task<int> AuditCountAsync(HttpClient admin, string action, Guid job) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/audit?action={action}&limit=200")).GetProperty("items").EnumerateArray()
            .Count(e => e.GetProperty("jobId").GetGuid() == job);

    [Fact]
    public async Task A_running_import_paused_stops_at_its_next_chunk_and_resumed_completes_every_row_once()
    {
        var admin = await _app.AdminAsync();
        var job = await admin.ImportJobAsync(Csv("paused", 55), "paused.csv");
        var claimed = await ClaimAsync(job.Id);

        var pause = await admin.PostAsync($"/api/jobs/{job.Id}/pause", null);
        Assert.Equal(HttpStatusCode.Accepted, pause.StatusCode);
        var pausing = (await pause.Content.ReadFromJsonAsync<JobBody>())!;
        Assert.Equal("running", pausing.Status);
        Assert.NotNull(pausing.PauseRequestedAt);
        Assert.Null(pausing.PausedAt);
        // Asked twice: the same answer, one audit entry.
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/jobs/{job.Id}/pause", null)).StatusCode);

        // The worker commits the chunk it started, then pauses: ten rows in, and it gives the job back.
        await RunAsync(claimed);
        var paused = (await admin.GetFromJsonAsync<JobBody>($"/api/jobs/{job.Id}"))!;
        Assert.Equal(("paused", 10L), (paused.Status, paused.Processed));
        Assert.NotNull(paused.PausedAt);
        Assert.Equal(10, await CountUsersAsync("paused"));
        await _app.RunQueuedJobsAsync();
        Assert.Equal(10, (await admin.GetFromJsonAsync<JobBody>($"/api/jobs/{job.Id}"))!.Processed);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/jobs/{job.Id}/pause", null)).StatusCode);

        var resume = await admin.PostAsync($"/api/jobs/{job.Id}/resume", null);
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        var resumed = (await resume.Content.ReadFromJsonAsync<JobBody>())!;
        Assert.Equal(("queued", 10L), (resumed.Status, resumed.Processed));
        Assert.Null(resumed.PauseRequestedAt);
        var again = await admin.PostAsync($"/api/jobs/{job.Id}/resume", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("The job is not paused", (await again.ProblemAsync()).Title);

        await _app.RunQueuedJobsAsync();
        var done = (await admin.GetFromJsonAsync<JobBody>($"/api/jobs/{job.Id}"))!;
        Assert.Equal(("completed", 55L, 0L), (done.Status, done.Processed, done.ErrorCount));
        Assert.Equal(55, await CountUsersAsync("paused"));
        Assert.Equal(1, await AuditCountAsync(admin, "job.pause", job.Id));
        Assert.Equal(1, await AuditCountAsync(admin, "job.resume", job.Id));
    }

    [Fact]
    public async Task A_paused_job_cannot_be_deleted_but_aborts_at_once_and_a_finished_or_aborting_one_cannot_pause()
    {
        var admin = await _app.AdminAsync();
        var job = await admin.ImportJobAsync(Csv("refused", 3), "refused.csv");
        var paused = await admin.PostAsync($"/api/jobs/{job.Id}/pause", null);
        Assert.Equal("paused", (await paused.Content.ReadFromJsonAsync<JobBody>())!.Status);
        var delete = await admin.DeleteAsync($"/api/jobs/{job.Id}");
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);

        var abort = await admin.PostAsync($"/api/jobs/{job.Id}/abort", null);
        Assert.Equal(HttpStatusCode.Accepted, abort.StatusCode);
        Assert.Equal("aborted", (await abort.Content.ReadFromJsonAsync<JobBody>())!.Status);
        var finished = await admin.PostAsync($"/api/jobs/{job.Id}/pause", null);
        Assert.Equal(HttpStatusCode.Conflict, finished.StatusCode);
        var problem = await finished.ProblemAsync();
        Assert.Equal(("The job has already finished", "id"), (problem.Title, problem.Field));

        var running = await admin.ImportJobAsync(Csv("aborting", 3), "aborting.csv");
        await ClaimAsync(running.Id);
        await admin.PostAsync($"/api/jobs/{running.Id}/abort", null);
        var aborting = await admin.PostAsync($"/api/jobs/{running.Id}/pause", null);
        Assert.Equal(HttpStatusCode.Conflict, aborting.StatusCode);
        Assert.Equal("The job is being aborted", (await aborting.ProblemAsync()).Title);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/jobs/{running.Id}/resume", null)).StatusCode);
        await _app.RunQueuedJobsAsync();
    }

    [Fact]
    public async Task Another_power_users_job_is_404_and_the_refusal_is_in_french_for_a_french_reader()
    {
        var (anna, _) = await _app.UserAsync("pause-anna", Roles.PowerUser);
        var (ben, _) = await _app.UserAsync("pause-ben", Roles.PowerUser);
        var bens = await ben.ImportJobAsync(Csv("bens", 2), "bens.csv");
        Assert.Equal(HttpStatusCode.NotFound, (await anna.PostAsync($"/api/jobs/{bens.Id}/pause", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anna.PostAsync($"/api/jobs/{bens.Id}/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ben.PostAsync($"/api/jobs/{Guid.CreateVersion7()}/pause", null)).StatusCode);

        var refused = await ben.PostAsync($"/api/jobs/{bens.Id}/resume?culture=fr", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("La procédure n'est pas en pause", (await refused.ProblemAsync()).Title);
        await ben.PostAsync($"/api/jobs/{bens.Id}/abort", null);
    }
}
