using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Offload.Testing;
using Xunit.Abstractions;

namespace Offload.Web.Tests;

/// <summary>
/// A retry is an ordinary job, exactly once like any other (SPEC §10): the real host is SIGKILLed at 10 random points of
/// the retry of an import's 30,000 failed rows, restarted on the same data each time, and every row must exist once —
/// those the first run wrote and those the retry wrote. Follows <see cref="CrashRecoveryTests"/>; OFFLOAD_CRASH_SEED replays.
/// </summary>
public sealed class RetryCrashTests : IDisposable
{
    private const int Rows = 60_000;
    private const int Kills = 10;
    private const int ChunkRows = 100;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "offload-retry-crash-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _settings = new()
    {
        ["Offload__Bootstrap__AdminPassword"] = "crash-admin-password",
        ["Offload__LeaseDuration"] = "00:00:01",
        ["Offload__PollInterval"] = "00:00:00.500",
        ["Offload__ChunkSize"] = ChunkRows.ToString(CultureInfo.InvariantCulture),
    };

    private readonly TestDatabase _db;
    private readonly ITestOutputHelper _output;

    public RetryCrashTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(_data);
        _db = TestDatabase.CreateAsync(_data).GetAwaiter().GetResult();
        foreach (var (key, value) in _db.Environment) _settings[key] = value;
    }

    [Fact]
    public async Task Killing_the_host_at_10_random_points_of_a_retry_loses_and_repeats_no_item()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("OFFLOAD_CRASH_SEED"), CultureInfo.InvariantCulture, out var s)
            ? s : Random.Shared.Next();
        var random = new Random(seed);
        var steps = Enumerable.Range(0, Kills).Select(_ => random.Next(1, ChunkRows * 4 + 1)).ToList();
        var replay = $"seed {seed} ({_db.Store}; replay with OFFLOAD_CRASH_SEED={seed})";
        _output.WriteLine($"{replay}; kill steps: {string.Join(", ", steps)}");

        var port = HostPorts.Free();
        var host = await HostProcess.StartAsync(_data, _settings, port);
        var killedAt = new List<long>();
        try
        {
            using var http = await host.SignInAsync("crash-admin-password");
            // Every other row names a branch that does not exist yet: half the file fails, then the branch is made.
            var first = await UploadAsync(http);
            var firstDone = await http.WaitFinishedAsync(first, TimeSpan.FromMinutes(3));
            Assert.Equal(("completed", Rows / 2L), (firstDone.Status, firstDone.ErrorCount));
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/branches", new { name = "Later" })).StatusCode);

            var response = await http.PostAsync($"/api/jobs/{first}/retry", null);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var retry = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetProperty("id").GetGuid();

            foreach (var step in steps)
            {
                var (status, _) = await WaitForProgressAsync(retry, killedAt.LastOrDefault() + step, replay);
                await Task.Delay(random.Next(0, 20));
                host.Kill();
                Assert.True(status == "running", $"kill {killedAt.Count + 1} came when the retry was {status} (killed at {string.Join(", ", killedAt)}); {replay}");
                var (after, processed) = await ReadJobAsync(retry);
                Assert.True(after == "running", $"kill {killedAt.Count + 1} came after the retry ended ({after}); {replay}");
                killedAt.Add(processed);
                host.Dispose();
                host = HostProcess.Launch(_data, _settings, port);
            }
            await host.WaitReadyAsync();
            _output.WriteLine($"killed at processed = {string.Join(", ", killedAt)}");

            var done = await http.WaitFinishedAsync(retry, TimeSpan.FromMinutes(3));
            Assert.True(done.Status == "completed", $"retry ended {done.Status} ({done.FailureReason}); {replay}\n{host.Output}");
            Assert.Equal((Rows / 2L, Rows / 2L), (done.Total, done.Processed));
            Assert.Equal(0, done.ErrorCount); // a row applied twice would show up as "already exists"
        }
        finally
        {
            host.Dispose();
        }
        var count = Convert.ToInt64(await _db.ScalarAsync("SELECT count(*) FROM users WHERE username LIKE 'again%'"), CultureInfo.InvariantCulture);
        var distinct = Convert.ToInt64(await _db.ScalarAsync("SELECT count(DISTINCT lower(username)) FROM users WHERE username LIKE 'again%'"),
            CultureInfo.InvariantCulture);
        Assert.True((count, distinct) == (Rows, Rows), $"{Rows - distinct} rows lost, {count - distinct} repeated; {replay}");
    }

    private async Task<(string Status, long Processed)> WaitForProgressAsync(Guid id, long atLeast, string replay)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var (status, processed) = await ReadJobAsync(id);
            if (processed >= atLeast || status is not ("running" or "queued")) return (status, processed);
            if (DateTime.UtcNow > until) throw new TimeoutException($"retry still {status} at {processed}, waiting for {atLeast}; {replay}");
            await Task.Delay(2);
        }
    }

    private async Task<(string Status, long Processed)> ReadJobAsync(Guid id)
    {
        var row = (string)(await _db.ScalarAsync($"SELECT status || ':' || processed FROM jobs WHERE id = '{id}'"))!;
        var parts = row.Split(':');
        return (parts[0], long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private async Task<Guid> UploadAsync(HttpClient http)
    {
        var csv = new StringBuilder("username,email,branch\n");
        for (var i = 0; i < Rows; i++)
            csv.Append(CultureInfo.InvariantCulture, $"again{i:000000},again{i:000000}@example.com,{(i % 2 == 0 ? "" : "Later")}\n");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", "again.csv" } };
        var response = await http.PostAsync("/api/mass-actions/users-import", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedBody>())!.Job.Id;
    }

    public void Dispose()
    {
        _db.DropAsync().GetAwaiter().GetResult();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }
}
