using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Offload.Bench.Offload;
using Offload.Testing;

namespace Offload.Bench.Host;

/// <summary>
/// How the bench runs the real host (<see cref="HostProcess"/>, `--role all`): the import, enroll, preview, list and
/// SSE scenarios go through its HTTP API as the Superadmin, and its peak memory and CPU are read from the kernel.
/// </summary>
internal static class BenchHost
{
    private const string AdminPassword = "bench-admin-password-1";

    /// <summary>
    /// The host on <paramref name="store"/>, ready; what it writes to stderr is shown as it comes. <paramref name="webDll"/>:
    /// another build of it (<see cref="PublishedBuild"/>) instead of src/Offload.Web's build output.
    /// </summary>
    public static Task<HostProcess> StartAsync(BenchStore store, string connectionString, string dataPath, string? webDll = null) =>
        HostProcess.StartAsync(dataPath, new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Offload__Store"] = store == BenchStore.Sqlite ? "sqlite" : "postgres",
            ["ConnectionStrings__Offload"] = connectionString,
            ["Offload__Bootstrap__AdminPassword"] = AdminPassword,
            ["Offload__Import__MaxBytes"] = (1L << 30).ToString(CultureInfo.InvariantCulture),
            // The SSE scenario's watchers stand for many browsers but share one account, past the per-account bound.
            ["Offload__Events__MaxStreamsPerUser"] = "100000",
        }, onError: line => Console.Error.WriteLine($"  [host] {line}"), webDll: webDll);

    /// <summary>A client signed in as the Superadmin, patient enough for the largest upload.</summary>
    public static Task<HttpClient> SignInAsync(HostProcess host) => host.SignInAsync(AdminPassword, TimeSpan.FromMinutes(10));

    /// <summary>
    /// Starts an import of a file whose every row fails, as a multipart upload; returns its job's id. The import's default
    /// stop on errors is turned off (stopOnErrors=false), or it would end after the first 1,000 rows.
    /// </summary>
    public static async Task<string> StartFailingImportAsync(this HttpClient http, string csv)
    {
        await using var file = File.OpenRead(csv);
        using var form = new MultipartFormDataContent
        {
            { new StreamContent(file), "file", Path.GetFileName(csv) },
            { new StringContent("false"), "stopOnErrors" },
        };
        var response = await http.PostAsync("/api/mass-actions/users-import", form);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Import refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetProperty("id").GetString()!;
    }

    /// <summary>Polls the job until it is finished; returns its final JSON.</summary>
    public static async Task<JsonElement> WaitFinishedAsync(this HttpClient http, string jobId, TimeSpan limit)
    {
        var until = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var job = await http.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
            var status = job.GetProperty("status").GetString();
            if (status is "completed" or "failed" or "aborted") return job;
            if (Stopwatch.GetTimestamp() > until) throw new TimeoutException($"Job {jobId} still {status} after {limit}.");
            await Task.Delay(50);
        }
    }
}
