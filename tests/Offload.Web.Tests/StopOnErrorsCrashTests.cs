using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Offload.Web.Tests;

/// <summary>
/// The error-rate stop survives SIGKILL (SPEC §10, §4): the real host is killed at 2 random points of an import's failing rows, before it
/// reaches its threshold, restarted on the same data each time, and the job still stops at the first chunk boundary past
/// it, aborted with stopReason errorRate, every committed row there exactly once — imported or in the error log — and none
/// after. Follows <see cref="CrashRecoveryTests"/>; OFFLOAD_CRASH_SEED replays.
/// </summary>
public sealed class StopOnErrorsCrashTests(ITestOutputHelper output) : CrashTest(output, ChunkRows)
{
    private const int Good = 20_000;
    private const int Rows = 40_000;
    private const int ChunkRows = 100;

    /// <summary>Good rows, then only bad ones: more than 40% of them have failed once past 33,333 rows (60 p > 2,000,000).</summary>
    private const long Threshold = 33_333;

    [Fact]
    public async Task Killing_the_host_around_its_stop_point_still_stops_it_once_with_every_committed_row_once()
    {
        var plan = PlanKills(2, ChunkRows * 2);
        using var http = await StartAsync();
        var csv = new StringBuilder("username,email,branch\n");
        for (var i = 0; i < Rows; i++)
            csv.Append(CultureInfo.InvariantCulture, $"stop{i:000000},stop{i:000000}@example.com,{(i < Good ? "" : "Nowhere")}\n");
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", "stop.csv" },
            { new StringContent("40"), "stopOnErrors.percent" },
            { new StringContent("1000"), "stopOnErrors.after" },
        };
        var job = await PostJobAsync(http, "/api/mass-actions/users-import", form);

        // Two kills of at most 200 rows each from the first bad row on, each landing up to about 5,000 rows late (the job
        // is fast, and the kill comes 0–20 ms after the progress is seen): both still before the threshold. The kill
        // between the commit that crosses it and the job's end is the store contract's (JobEngineContract.StopOnErrors).
        await KillWhileRunningAsync(job, plan, from: Good);
        var done = await http.GetFromJsonAsync<JsonElement>($"/api/jobs/{job}");
        while (done.GetProperty("status").GetString() is "running" or "queued")
        {
            await Task.Delay(50);
            done = await http.GetFromJsonAsync<JsonElement>($"/api/jobs/{job}");
        }
        Assert.True(done.GetProperty("status").GetString() == "aborted", $"{done}; {plan.Replay}\n{Host.Output}");
        Assert.Equal("errorRate", done.GetProperty("stopReason").GetString());
        var processed = done.GetProperty("processed").GetInt64();
        Assert.True(processed > Threshold && processed <= Threshold + ChunkRows, $"stopped at {processed}; {plan.Replay}");
        StopHost();

        var (users, distinct) = (await CountAsync("SELECT count(*) FROM users WHERE username LIKE 'stop%'"),
            await CountAsync("SELECT count(DISTINCT lower(username)) FROM users WHERE username LIKE 'stop%'"));
        Assert.True((users, distinct) == (Good, Good), $"{Good - distinct} rows lost, {users - distinct} repeated; {plan.Replay}");
        var (errors, errorRows) = (await CountAsync($"SELECT count(*) FROM job_errors WHERE job_id = '{job}'"),
            await CountAsync($"SELECT count(DISTINCT row) FROM job_errors WHERE job_id = '{job}'"));
        Assert.True((errors, errorRows) == (processed - Good, processed - Good), $"{errors} error rows for {processed - Good} failed rows; {plan.Replay}");
    }
}
