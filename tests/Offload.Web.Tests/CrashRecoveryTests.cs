using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Xunit.Abstractions;

namespace Offload.Web.Tests;

/// <summary>
/// The exactly-once promise, tested the hard way: the real host (web and worker in one process) is
/// SIGKILLed at 20 random points of a 100,000-row import, restarted on the same data each time, and every
/// row must exist once. Runs on SQLite and, in test.sh's second pass, on PostgreSQL.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : CrashTest(output, ChunkRows)
{
    private const int Rows = 100_000;
    private const int Kills = 20;
    private const int ChunkRows = 200;

    [Fact]
    public async Task Killing_the_host_at_20_random_points_of_an_import_loses_and_repeats_no_row()
    {
        // Each kill lands 1 to 4 chunks past what the restarted host has committed so far: the 20 kills together use up
        // a fifth of the job or so, and the job would have to run 60,000 rows unseen to end before one of them.
        var plan = PlanKills(Kills, ChunkRows * 4);
        var csv = Path.Combine(DataFolder, "crash.csv");
        await WriteCsvAsync(csv);
        using var http = await StartAsync();
        var job = await UploadAsync(http, csv);
        Assert.Equal(Rows, job.Total);

        var killedAt = await KillWhileRunningAsync(job.Id, plan);
        var done = await WaitCompletedAsync(http, job.Id, plan);
        Assert.Equal(Rows, done.Processed);
        Assert.Equal(100, done.Percent);
        Assert.Equal(0, done.ErrorCount); // a row applied twice would show up as "already exists"
        StopHost();
        await AssertEveryRowExactlyOnceAsync(plan.Replay);
        Output.WriteLine($"{killedAt.Count} kills at {string.Join(", ", killedAt)}, {Rows} rows, 0 lost, 0 repeated");
    }

    private async Task AssertEveryRowExactlyOnceAsync(string replay)
    {
        var count = Convert.ToInt64(await Db.ScalarAsync("SELECT count(*) FROM users WHERE username LIKE 'crash%'"), CultureInfo.InvariantCulture);
        var distinct = Convert.ToInt64(await Db.ScalarAsync("SELECT count(DISTINCT lower(username)) FROM users WHERE username LIKE 'crash%'"),
            CultureInfo.InvariantCulture);
        Assert.True((count, distinct) == (Rows, Rows), $"{Rows - distinct} rows lost, {count - distinct} repeated; {replay}");
        // Rows distinct names between crash000000 and crash099999: each of them, once.
        Assert.Equal("crash000000", await Db.ScalarAsync("SELECT min(username) FROM users WHERE username LIKE 'crash%'"));
        Assert.Equal($"crash{Rows - 1:000000}", await Db.ScalarAsync("SELECT max(username) FROM users WHERE username LIKE 'crash%'"));
        Assert.Equal("crash012345@example.com|First12345|fr",
            await Db.ScalarAsync("SELECT email || '|' || first_name || '|' || language FROM users WHERE username = 'crash012345'"));
    }

    private static async Task WriteCsvAsync(string path)
    {
        await using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        await w.WriteLineAsync("username,email,firstname,lastname,language,active");
        for (var i = 0; i < Rows; i++)
            await w.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"crash{i:000000},crash{i:000000}@example.com,First{i},Last{i},{(i % 2 == 0 ? "en" : "fr")},yes"));
    }

    private static async Task<JobBody> UploadAsync(HttpClient http, string csv)
    {
        using var form = new MultipartFormDataContent { { new StreamContent(File.OpenRead(csv)), "file", "crash.csv" } };
        var response = await http.PostAsync("/api/mass-actions/users-import", form);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedBody>())!.Job;
    }
}
