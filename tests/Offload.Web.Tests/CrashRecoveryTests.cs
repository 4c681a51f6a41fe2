using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Offload.Testing;

namespace Offload.Web.Tests;

/// <summary>
/// The exactly-once promise, tested the hard way: the real host is SIGKILLed in the middle of a
/// 200,000-row import at several points, restarted on the same data, and every row must exist once.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const int Rows = 200_000;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "offload-crash-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _settings = new()
    {
        ["Offload__Bootstrap__AdminPassword"] = "crash-admin-password",
        // A short lease so the restarted process takes the dead one's job over quickly.
        ["Offload__LeaseDuration"] = "00:00:02",
        ["Offload__PollInterval"] = "00:00:00.500",
    };

    private readonly TestDatabase _db;

    public CrashRecoveryTests()
    {
        Directory.CreateDirectory(_data);
        _db = TestDatabase.CreateAsync(_data).GetAwaiter().GetResult();
        foreach (var (key, value) in _db.Environment) _settings[key] = value;
    }

    [Fact]
    public async Task Killing_the_host_three_times_mid_import_loses_and_repeats_no_row()
    {
        var csv = Path.Combine(_data, "crash.csv");
        await WriteCsvAsync(csv);
        var port = HostPorts.Free();
        var host = await HostProcess.StartAsync(_data, _settings, port);
        try
        {
            using var http = await host.SignInAsync("crash-admin-password");
            var job = await UploadAsync(http, csv);
            Assert.Equal(Rows, job.Total);

            var killedAt = new List<long>();
            foreach (var fraction in new[] { 0.15, 0.45, 0.75 })
            {
                var seen = await http.WaitUntilAsync(job.Id, j => j.Processed >= (long)(Rows * fraction) || j.Status is "completed" or "failed" or "aborted",
                    TimeSpan.FromMinutes(2), () => host.Output);
                host.Kill();
                Assert.NotEqual("completed", seen.Status); // a kill after the end would prove nothing
                killedAt.Add(seen.Processed);
                host.Dispose();
                host = await HostProcess.StartAsync(_data, _settings, port);
            }

            var done = await http.WaitFinishedAsync(job.Id, TimeSpan.FromMinutes(3));
            Assert.True(done.Status == "completed", $"job ended {done.Status} ({done.FailureReason}); killed at {string.Join(", ", killedAt)}\n{host.Output}");
            Assert.Equal(Rows, done.Processed);
            Assert.Equal(100, done.Percent);
            Assert.Equal(0, done.ErrorCount); // a row applied twice would show up as "already exists"
        }
        finally
        {
            host.Dispose();
        }
        await AssertEveryRowExactlyOnceAsync();
    }

    private async Task AssertEveryRowExactlyOnceAsync()
    {
        Assert.Equal((long)Rows, Convert.ToInt64(await _db.ScalarAsync("SELECT count(*) FROM users WHERE username LIKE 'crash%'")));
        Assert.Equal((long)Rows, Convert.ToInt64(await _db.ScalarAsync("SELECT count(DISTINCT lower(username)) FROM users WHERE username LIKE 'crash%'")));
        Assert.Equal("crash000000", await _db.ScalarAsync("SELECT min(username) FROM users WHERE username LIKE 'crash%'"));
        Assert.Equal($"crash{Rows - 1:000000}", await _db.ScalarAsync("SELECT max(username) FROM users WHERE username LIKE 'crash%'"));
        Assert.Equal("crash123457@example.com|First123457|fr",
            await _db.ScalarAsync("SELECT email || '|' || first_name || '|' || language FROM users WHERE username = 'crash123457'"));
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

    public void Dispose()
    {
        _db.DropAsync().GetAwaiter().GetResult();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }
}
