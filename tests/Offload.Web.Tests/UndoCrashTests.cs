using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Offload.Testing;
using Xunit.Abstractions;

namespace Offload.Web.Tests;

/// <summary>
/// Exactly once, for an undo: the real host is SIGKILLed at random points of the undo of an enroll of 40,000 users and
/// restarted each time; every enrollment the enroll created must be removed once. An item reverted twice would show as an
/// error row (its second revert finds it changed), so the error rows must be exactly the items changed since.
/// </summary>
/// <remarks>Kill points come from a seed printed in the output; OFFLOAD_CRASH_SEED replays them (as <see cref="CrashRecoveryTests"/>).</remarks>
public sealed class UndoCrashTests : IDisposable
{
    private const int Users = 40_000;
    private const int Kills = 10;
    private const int ChunkItems = 50;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "offload-undo-crash-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _settings = new()
    {
        ["Offload__Bootstrap__AdminPassword"] = "crash-admin-password",
        ["Offload__LeaseDuration"] = "00:00:01",
        ["Offload__PollInterval"] = "00:00:00.500",
        // Small chunks: the enroll writes 800 change records, the undo reverts them in 800 chunks for the kills to fall between.
        ["Offload__ChunkSize"] = ChunkItems.ToString(CultureInfo.InvariantCulture),
    };

    private readonly TestDatabase _db;
    private readonly ITestOutputHelper _output;

    public UndoCrashTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(_data);
        _db = TestDatabase.CreateAsync(_data).GetAwaiter().GetResult();
        foreach (var (key, value) in _db.Environment) _settings[key] = value;
    }

    [Fact]
    public async Task Killing_the_host_at_random_points_of_an_undo_reverts_every_item_exactly_once()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("OFFLOAD_CRASH_SEED"), CultureInfo.InvariantCulture, out var s)
            ? s : Random.Shared.Next();
        var random = new Random(seed);
        var steps = Enumerable.Range(0, Kills).Select(_ => random.Next(1, ChunkItems * 4 + 1)).ToList();
        var replay = $"seed {seed} ({_db.Store}; replay with OFFLOAD_CRASH_SEED={seed})";
        _output.WriteLine($"{replay}; kill steps: {string.Join(", ", steps)}");

        var port = HostPorts.Free();
        var host = await HostProcess.StartAsync(_data, _settings, port);
        var killedAt = new List<long>();
        try
        {
            using var http = await host.SignInAsync("crash-admin-password");
            await FinishAsync(http, await PostJobAsync(http, "/api/mass-actions/users-import", ImportForm()));
            var course = (await (await http.PostAsJsonAsync("/api/courses", new { code = "CRASH", title = "Crash" })).Content
                .ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            var enroll = await PostJobAsync(http, "/api/mass-actions/enroll", JsonContent.Create(new { selection = new { filter = new { text = "undo" } }, courseIds = new[] { course } }));
            await FinishAsync(http, enroll);
            // Ten enrollments changed since: undo09990 to undo09999 unenrolled.
            await FinishAsync(http, await PostJobAsync(http, "/api/mass-actions/unenroll",
                JsonContent.Create(new { selection = new { filter = new { text = "undo0999" } }, courseIds = new[] { course } })));

            var undo = await PostJobAsync(http, $"/api/jobs/{enroll}/undo", null);
            foreach (var step in steps)
            {
                var (status, _) = await WaitForProgressAsync(undo, killedAt.LastOrDefault() + step, replay);
                await Task.Delay(random.Next(0, 20));
                host.Kill();
                Assert.True(status == "running", $"kill {killedAt.Count + 1} came when the undo was {status}; {replay}");
                var (after, processed) = await ReadJobAsync(undo);
                Assert.True(after == "running", $"kill {killedAt.Count + 1} came after the undo ended ({after}); {replay}");
                killedAt.Add(processed);
                host.Dispose();
                host = HostProcess.Launch(_data, _settings, port);
            }
            await host.WaitReadyAsync();
            _output.WriteLine($"killed at processed = {string.Join(", ", killedAt)}");

            var done = await http.WaitFinishedAsync(undo, TimeSpan.FromMinutes(3));
            Assert.True(done.Status == "completed", $"undo ended {done.Status} ({done.FailureReason}); {replay}\n{host.Output}");
            Assert.Equal((Users, 10L), (done.Processed, done.ErrorCount));
            Assert.Equal(0L, Convert.ToInt64(await _db.ScalarAsync($"SELECT count(*) FROM enrollments WHERE course_id = {course}"), CultureInfo.InvariantCulture));
        }
        finally
        {
            host.Dispose();
        }
    }

    private static async Task<Guid> PostJobAsync(HttpClient http, string path, HttpContent? body)
    {
        var response = await http.PostAsync(path, body);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<CreatedBody>())!.Job.Id;
    }

    private static async Task FinishAsync(HttpClient http, Guid id) =>
        Assert.Equal("completed", (await http.WaitFinishedAsync(id, TimeSpan.FromMinutes(3))).Status);

    private static MultipartFormDataContent ImportForm()
    {
        var csv = new StringBuilder("username,email\n");
        for (var i = 0; i < Users; i++) csv.Append(CultureInfo.InvariantCulture, $"undo{i:00000},undo{i:00000}@example.com\n");
        return new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", "undo.csv" } };
    }

    private async Task<(string Status, long Processed)> WaitForProgressAsync(Guid id, long atLeast, string replay)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var (status, processed) = await ReadJobAsync(id);
            if (processed >= atLeast || status is not ("running" or "queued")) return (status, processed);
            if (DateTime.UtcNow > until) throw new TimeoutException($"undo still {status} at {processed}, waiting for {atLeast}; {replay}");
            await Task.Delay(2);
        }
    }

    private async Task<(string Status, long Processed)> ReadJobAsync(Guid id)
    {
        var parts = ((string)(await _db.ScalarAsync($"SELECT status || ':' || processed FROM jobs WHERE id = '{id}'"))!).Split(':');
        return (parts[0], long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        _db.DropAsync().GetAwaiter().GetResult();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }
}
