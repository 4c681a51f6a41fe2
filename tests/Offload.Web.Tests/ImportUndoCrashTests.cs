using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Offload.Testing;
using Xunit.Abstractions;

namespace Offload.Web.Tests;

/// <summary>
/// Exactly once, for an import's undo: the real host is SIGKILLed at random points of the undo of an import that created
/// 8,000 users and updated 2,000, and restarted each time; every user must be reverted once. An item reverted twice would
/// show as an error row (a created user deleted twice is gone; an updated one restored twice no longer matches what the
/// import left), so the error rows must be exactly the users edited by hand.
/// </summary>
/// <remarks>Kill points come from a seed printed in the output; OFFLOAD_CRASH_SEED replays them (as <see cref="CrashRecoveryTests"/>).</remarks>
public sealed class ImportUndoCrashTests : IDisposable
{
    private const int Existing = 2_000;
    private const int Rows = 10_000;
    private const int Kills = 6;
    private const int ChunkItems = 50;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "offload-import-undo-crash-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _settings = new()
    {
        ["Offload__Bootstrap__AdminPassword"] = "crash-admin-password",
        ["Offload__LeaseDuration"] = "00:00:01",
        ["Offload__PollInterval"] = "00:00:00.500",
        // Small chunks: the import writes 200 chunks of change records, the undo reverts them over as many chunks.
        ["Offload__ChunkSize"] = ChunkItems.ToString(CultureInfo.InvariantCulture),
    };

    private readonly TestDatabase _db;
    private readonly ITestOutputHelper _output;

    public ImportUndoCrashTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(_data);
        _db = TestDatabase.CreateAsync(_data).GetAwaiter().GetResult();
        foreach (var (key, value) in _db.Environment) _settings[key] = value;
    }

    [Fact]
    public async Task Killing_the_host_at_random_points_of_an_import_undo_reverts_every_user_exactly_once()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("OFFLOAD_CRASH_SEED"), CultureInfo.InvariantCulture, out var s)
            ? s : Random.Shared.Next();
        var random = new Random(seed);
        var steps = Enumerable.Range(0, Kills).Select(_ => random.Next(1, ChunkItems * 2 + 1)).ToList();
        var replay = $"seed {seed} ({_db.Store}; replay with OFFLOAD_CRASH_SEED={seed})";
        _output.WriteLine($"{replay}; kill steps: {string.Join(", ", steps)}");

        var port = HostPorts.Free();
        var host = await HostProcess.StartAsync(_data, _settings, port);
        var killedAt = new List<long>();
        try
        {
            using var http = await host.SignInAsync("crash-admin-password");
            await FinishAsync(http, await ImportAsync(http, Existing, "old", update: false));
            var import = await ImportAsync(http, Rows, "new", update: true);
            await FinishAsync(http, import);
            // Three users edited by hand since: one the import updated, two it created.
            foreach (var username in new[] { "iu00007", "iu05000", "iu09999" }) await EditByHandAsync(http, username);

            var undo = await PostJobAsync(http, $"/api/jobs/{import}/undo", null);
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
            Assert.Equal(((long)Rows, 3L), (done.Processed, done.ErrorCount));
            Assert.Equal(Existing + 2L, await CountAsync("username LIKE 'iu%'"));
            Assert.Equal(Existing - 1L, await CountAsync("username LIKE 'iu%' AND email LIKE 'old-%' AND first_name = ''"));
            Assert.Equal(3L, await CountAsync("first_name = 'Hand'"));
        }
        finally
        {
            host.Dispose();
        }
    }

    private static async Task EditByHandAsync(HttpClient http, string username)
    {
        var u = (await http.GetFromJsonAsync<UserListBody>($"/api/users?text={username}"))!.Items.Single(u => u.Username == username);
        var response = await http.PutAsJsonAsync($"/api/users/{u.Id}", new
        {
            u.Username, u.Email, firstName = "Hand", u.LastName, u.Language, u.Active, u.Role, u.BranchIds,
        });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<long> CountAsync(string where) =>
        Convert.ToInt64(await _db.ScalarAsync($"SELECT count(*) FROM users WHERE {where}"), CultureInfo.InvariantCulture);

    private static Task<Guid> ImportAsync(HttpClient http, int rows, string email, bool update)
    {
        var csv = new StringBuilder(update ? "username,email,firstname\n" : "username,email\n");
        for (var i = 0; i < rows; i++)
            csv.Append(CultureInfo.InvariantCulture, $"iu{i:00000},{email}-iu{i:00000}@example.com{(update ? ",New" : "")}\n");
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", $"{email}.csv" } };
        if (update) form.Add(new StringContent("true"), "updateExisting");
        return PostJobAsync(http, "/api/mass-actions/users-import", form);
    }

    private static async Task<Guid> PostJobAsync(HttpClient http, string path, HttpContent? body)
    {
        var response = await http.PostAsync(path, body);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<CreatedBody>())!.Job.Id;
    }

    private static async Task FinishAsync(HttpClient http, Guid id) =>
        Assert.Equal("completed", (await http.WaitFinishedAsync(id, TimeSpan.FromMinutes(3))).Status);

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
