using System.Globalization;
using System.Net.Http.Json;
using Offload.Testing;
using Xunit.Abstractions;

namespace Offload.Web.Tests;

/// <summary>
/// What every SIGKILL test shares: the real host (web and worker in one process) on its own data folder and database,
/// killed at random points of one job and restarted on the same data each time. The kill points come from a seed
/// printed in the output (and in any failure message); OFFLOAD_CRASH_SEED replays a run's points.
/// </summary>
public abstract class CrashTest : IDisposable
{
    protected const string AdminPassword = "crash-admin-password";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "offload-crash-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _settings;
    private readonly int _maxKillDelayMs;
    private int _port;

    /// <param name="chunkItems">
    /// Small chunks: many commit boundaries for the kills to fall between, and a job slow enough to be killed every time
    /// before it ends.
    /// </param>
    /// <param name="maxKillDelayMs">
    /// The longest random wait between seeing the progress a kill waits for and the kill, so it lands anywhere in a chunk:
    /// about a chunk's time. A job whose chunks take a fraction of a millisecond (an undo of an enroll) needs a short one,
    /// or it runs thousands of items past each kill and ends before the last.
    /// </param>
    protected CrashTest(ITestOutputHelper output, int chunkItems, int maxKillDelayMs = 20)
    {
        Output = output;
        _maxKillDelayMs = maxKillDelayMs;
        Directory.CreateDirectory(_data);
        Db = TestDatabase.CreateAsync(_data).GetAwaiter().GetResult();
        _settings = new Dictionary<string, string>(Db.Environment)
        {
            ["Offload__Bootstrap__AdminPassword"] = AdminPassword,
            // A short lease so the restarted process takes the dead one's job over quickly.
            ["Offload__LeaseDuration"] = "00:00:01",
            ["Offload__PollInterval"] = "00:00:00.500",
            ["Offload__ChunkSize"] = chunkItems.ToString(CultureInfo.InvariantCulture),
        };
    }

    protected ITestOutputHelper Output { get; }

    protected TestDatabase Db { get; }

    protected string DataFolder => _data;

    private HostProcess? _host;

    /// <summary>The host running now: the first one, then each restarted after a kill.</summary>
    protected HostProcess Host => _host ?? throw new InvalidOperationException("No host is running.");

    /// <summary>Starts the host and signs the admin in; the client stays valid across restarts (same port, same cookie).</summary>
    protected async Task<HttpClient> StartAsync()
    {
        _port = HostPorts.Free();
        _host = await HostProcess.StartAsync(_data, _settings, _port);
        // The test's first read of the database loads its driver and compiles the read (a few hundred ms): done now, not
        // while the job the kills aim at runs thousands of items ahead of the first look at its progress.
        await ReadJobAsync(Guid.Empty);
        return await Host.SignInAsync(AdminPassword);
    }

    /// <summary>
    /// Draws <paramref name="kills"/> kill steps of 1 to <paramref name="maxStep"/> items: each kill lands that many items
    /// past what the last incarnation committed, not at a share of the whole chosen in advance, so the last kills are no
    /// race against the job's end on a busy machine.
    /// </summary>
    protected KillPlan PlanKills(int kills, int maxStep)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("OFFLOAD_CRASH_SEED"), CultureInfo.InvariantCulture, out var s)
            ? s : Random.Shared.Next();
        var random = new Random(seed);
        var plan = new KillPlan(random, [.. Enumerable.Range(0, kills).Select(_ => random.Next(1, maxStep + 1))],
            $"seed {seed} ({Db.Store}; replay with OFFLOAD_CRASH_SEED={seed})");
        Output.WriteLine($"{plan.Replay}; kill steps (items past the last commit seen): {string.Join(", ", plan.Steps)}");
        return plan;
    }

    /// <summary>
    /// Kills the host once per step of <paramref name="plan"/> while <paramref name="job"/> runs — at a random moment inside
    /// a chunk: mid-read, mid-write or mid-commit — and restarts it each time; returns once the last host is ready, with
    /// the committed progress at each kill. A kill must come while the job runs, or it proves nothing: at least half the
    /// planned kills must, and the test process stalling long enough on a busy machine for the job to end before the rest
    /// (CI runs saw thousands of items go by between two looks at the progress) ends the kills there instead of failing a
    /// test whose kills so far all landed. The first kill lands <paramref name="from"/> items in plus its step, so a test
    /// may aim the kills at a point of its job.
    /// </summary>
    protected async Task<IReadOnlyList<long>> KillWhileRunningAsync(Guid job, KillPlan plan, long from = 0)
    {
        var killedAt = new List<long>();
        var required = (plan.Steps.Count + 1) / 2;
        foreach (var step in plan.Steps)
        {
            // Each incarnation must commit at least one chunk of its own, so every restart is a resume.
            var (status, _) = await WaitForProgressAsync(job, Math.Max(from, killedAt.LastOrDefault()) + step, plan.Replay);
            if (status != "running" && EndedEarly(status, killedAt, required, plan)) break;
            await Task.Delay(plan.Random.Next(0, _maxKillDelayMs + 1));
            Host.Kill();
            Assert.True(status == "running", $"kill {killedAt.Count + 1} came when the job was {status}; {plan.Replay}");
            var (after, processed) = await ReadJobAsync(job);
            StopHost();
            // Not waiting for the web side: the workers resume the job as soon as the lease runs out.
            _host = HostProcess.Launch(_data, _settings, _port);
            if (after != "running" && EndedEarly(after, killedAt, required, plan)) break;
            killedAt.Add(processed);
        }
        await Host.WaitReadyAsync();
        Output.WriteLine($"killed at processed = {string.Join(", ", killedAt)}");
        return killedAt;
    }

    /// <summary>Whether the job ended before the next kill with enough kills landed to go on; fails the test when too few did.</summary>
    private bool EndedEarly(string status, List<long> killedAt, int required, KillPlan plan)
    {
        if (status is "running" or "queued") return false;
        Assert.True(killedAt.Count >= required,
            $"kill {killedAt.Count + 1} came after the job ended ({status}): only {killedAt.Count} of {required} kills landed; {plan.Replay}");
        Output.WriteLine($"the job ended ({status}) before kill {killedAt.Count + 1}; {killedAt.Count} kills landed");
        return true;
    }

    /// <summary>Waits for <paramref name="job"/> to end and says how, with the host's output when it did not complete.</summary>
    protected async Task<JobBody> WaitCompletedAsync(HttpClient http, Guid job, KillPlan plan)
    {
        var done = await http.WaitFinishedAsync(job, TimeSpan.FromMinutes(3));
        Assert.True(done.Status == "completed", $"job ended {done.Status} ({done.FailureReason}); {plan.Replay}\n{Host.Output}");
        return done;
    }

    /// <summary>Stops the host, so what the test then reads in the database is final.</summary>
    protected void StopHost()
    {
        _host?.Dispose();
        _host = null;
    }

    protected static async Task<Guid> PostJobAsync(HttpClient http, string path, HttpContent? body)
    {
        var response = await http.PostAsync(path, body);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<CreatedBody>())!.Job.Id;
    }

    protected static async Task FinishAsync(HttpClient http, Guid id) =>
        Assert.Equal("completed", (await http.WaitFinishedAsync(id, TimeSpan.FromMinutes(3))).Status);

    protected async Task<long> CountAsync(string sql) => Convert.ToInt64(await Db.ScalarAsync(sql), CultureInfo.InvariantCulture);

    /// <summary>
    /// Watches the committed progress in the database itself: a poll of the restarted host's API would be slower than its
    /// first chunks and let kill points slip by.
    /// </summary>
    private async Task<(string Status, long Processed)> WaitForProgressAsync(Guid id, long atLeast, string replay)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var (status, processed) = await ReadJobAsync(id);
            if (processed >= atLeast || status is not ("running" or "queued")) return (status, processed);
            if (DateTime.UtcNow > until) throw new TimeoutException($"job still {status} at {processed}, waiting for {atLeast}; {replay}");
            await Task.Delay(2);
        }
    }

    private async Task<(string Status, long Processed)> ReadJobAsync(Guid id)
    {
        if (await Db.ScalarAsync($"SELECT status || ':' || processed FROM jobs WHERE id = '{id}'") is not string row) return ("none", 0);
        var parts = row.Split(':');
        return (parts[0], long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        StopHost();
        Db.DropAsync().GetAwaiter().GetResult();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
        GC.SuppressFinalize(this);
    }
}

/// <summary>Where a crash test kills the host: the steps, the random moments, and how to replay them.</summary>
public sealed record KillPlan(Random Random, IReadOnlyList<int> Steps, string Replay);
