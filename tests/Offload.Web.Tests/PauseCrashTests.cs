using System.Globalization;
using System.Net;
using System.Text;
using Xunit.Abstractions;

namespace Offload.Web.Tests;

/// <summary>
/// Pause and resume survive a SIGKILL exactly once (issue 20): the real host is killed while a job is paused, and while
/// a pause was asked but its worker had not reached the chunk boundary yet; after each restart the job is (still) paused
/// with its counts frozen, and resumed it completes with every row once. Follows <see cref="CrashRecoveryTests"/>.
/// </summary>
public sealed class PauseCrashTests(ITestOutputHelper output) : CrashTest(output, ChunkRows)
{
    private const int Rows = 40_000;
    private const int ChunkRows = 20;

    [Fact]
    public async Task Killing_the_host_while_paused_and_while_pausing_loses_and_repeats_no_row()
    {
        var http = await StartAsync();
        var job = await UploadAsync(http);
        await http.WaitUntilAsync(job, j => j.Processed >= ChunkRows, TimeSpan.FromMinutes(2));

        // Killed while paused: the restarted host leaves it paused, and nobody's worker runs it.
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/jobs/{job}/pause", null)).StatusCode);
        var paused = await http.WaitUntilAsync(job, j => j.Status == "paused", TimeSpan.FromMinutes(1));
        Assert.True(paused.Processed < Rows, "the job ended before its pause: it proves nothing");
        Host.Kill();
        StopHost();
        http = await StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(3)); // past the lease and several polls: a claim would have taken it by now
        var after = (await http.WaitUntilAsync(job, _ => true))!;
        Assert.Equal(("paused", paused.Processed), (after.Status, after.Processed));
        Assert.Equal(paused.Processed, await CountAsync("SELECT count(*) FROM users WHERE username LIKE 'paused%'"));

        // Killed while pausing: resumed, then killed mid-chunk with its pause asked (written while the host is down, so
        // no worker of it could reach the boundary). The next claim pauses it before running another chunk.
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/jobs/{job}/resume", null)).StatusCode);
        await http.WaitUntilAsync(job, j => j.Processed >= paused.Processed + 10 * ChunkRows, TimeSpan.FromMinutes(2));
        Host.Kill();
        StopHost();
        var killedAt = await CountAsync($"SELECT processed FROM jobs WHERE id = '{job}'");
        Assert.True(killedAt < Rows, "the job ended before the kill: it proves nothing");
        await Db.ExecuteAsync($"UPDATE jobs SET pause_requested_at = created_at, paused_by = 'admin' WHERE id = '{job}'");
        Output.WriteLine($"paused at {paused.Processed}, killed while pausing at {killedAt}");
        http = await StartAsync();
        var repaused = await http.WaitUntilAsync(job, j => j.Status == "paused", TimeSpan.FromMinutes(1));
        Assert.Equal(killedAt, repaused.Processed);
        Assert.Equal(killedAt, await CountAsync("SELECT count(*) FROM users WHERE username LIKE 'paused%'"));

        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/jobs/{job}/resume", null)).StatusCode);
        var done = await http.WaitFinishedAsync(job, TimeSpan.FromMinutes(3));
        Assert.True(done.Status == "completed", $"job ended {done.Status} ({done.FailureReason})\n{Host.Output}");
        Assert.Equal(((long)Rows, 0L), (done.Processed, done.ErrorCount));
        StopHost();
        Assert.Equal((long)Rows, await CountAsync("SELECT count(*) FROM users WHERE username LIKE 'paused%'"));
        Assert.Equal((long)Rows, await CountAsync("SELECT count(DISTINCT lower(username)) FROM users WHERE username LIKE 'paused%'"));
    }

    private static async Task<Guid> UploadAsync(HttpClient http)
    {
        var csv = new StringBuilder("username,email\n");
        for (var i = 0; i < Rows; i++) csv.Append(CultureInfo.InvariantCulture, $"paused{i:000000},paused{i:000000}@example.com\n");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", "paused.csv" } };
        return await PostJobAsync(http, "/api/mass-actions/users-import", form);
    }
}
