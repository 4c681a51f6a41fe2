using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Offload.Web.Tests;

/// <summary>
/// A retry is an ordinary job, exactly once like any other (SPEC §10): the real host is SIGKILLed at 10 random points of
/// the retry of an import's 60,000 failed rows, restarted on the same data each time, and every row must exist once —
/// those the first run wrote and those the retry wrote. Follows <see cref="CrashRecoveryTests"/>; OFFLOAD_CRASH_SEED replays.
/// </summary>
// A retry's chunks take about a millisecond: a short wait before each kill, or it runs thousands of rows past it.
public sealed class RetryCrashTests(ITestOutputHelper output) : CrashTest(output, ChunkRows, maxKillDelayMs: 5)
{
    // The retried half must outlast the ten kills by far: a CI run saw one stall of the test process (a second or more)
    // let a 30,000-row retry end between the last progress read and the kill.
    private const int Rows = 120_000;
    private const int Kills = 10;
    private const int ChunkRows = 50;

    [Fact]
    public async Task Killing_the_host_at_10_random_points_of_a_retry_loses_and_repeats_no_item()
    {
        var plan = PlanKills(Kills, ChunkRows * 4);
        using var http = await StartAsync();
        // Every other row names a branch that does not exist yet: half the file fails, then the branch is made.
        var first = await UploadAsync(http);
        var firstDone = await http.WaitFinishedAsync(first, TimeSpan.FromMinutes(3));
        Assert.Equal(("completed", Rows / 2L), (firstDone.Status, firstDone.ErrorCount));
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/branches", new { name = "Later" })).StatusCode);

        var response = await http.PostAsync($"/api/jobs/{first}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var retry = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetProperty("id").GetGuid();

        await KillWhileRunningAsync(retry, plan);
        var done = await WaitCompletedAsync(http, retry, plan);
        Assert.Equal((Rows / 2L, Rows / 2L), (done.Total, done.Processed));
        Assert.Equal(0, done.ErrorCount); // a row applied twice would show up as "already exists"
        StopHost();
        var count = await CountAsync("SELECT count(*) FROM users WHERE username LIKE 'again%'");
        var distinct = await CountAsync("SELECT count(DISTINCT lower(username)) FROM users WHERE username LIKE 'again%'");
        Assert.True((count, distinct) == (Rows, Rows), $"{Rows - distinct} rows lost, {count - distinct} repeated; {plan.Replay}");
    }

    private static async Task<Guid> UploadAsync(HttpClient http)
    {
        var csv = new StringBuilder("username,email,branch\n");
        for (var i = 0; i < Rows; i++)
            csv.Append(CultureInfo.InvariantCulture, $"again{i:000000},again{i:000000}@example.com,{(i % 2 == 0 ? "" : "Later")}\n");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", "again.csv" } };
        var response = await http.PostAsync("/api/mass-actions/users-import", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedBody>())!.Job.Id;
    }
}
