using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Offload.Bench.Offload;
using Offload.Testing;

namespace Offload.Bench.Host;

/// <summary>
/// The real Offload.Web process (`dotnet Offload.Web.dll --role all`) on a loopback port, as an
/// operator runs it: the import, enroll and list scenarios go through its HTTP API, and its peak
/// memory is read from /proc.
/// </summary>
internal sealed class OffloadHostProcess : IAsyncDisposable
{
    public const string AdminPassword = "bench-admin-password-1";

    private readonly Process _process;

    private OffloadHostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(10) };
    }

    public Uri Address { get; }

    /// <summary>Signed in as the Superadmin once <see cref="StartAsync"/> returns.</summary>
    public HttpClient Http { get; }

    /// <summary>Peak resident memory of the host so far (VmHWM).</summary>
    public long PeakRssBytes => StatusKb("VmHWM:") * 1024;

    /// <summary>Starts <see cref="PeakRssBytes"/> afresh from the current resident size (Linux: clear_refs 5).</summary>
    public void ResetPeakRss() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    /// <summary>CPU the host has used so far (user + system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<OffloadHostProcess> StartAsync(BenchStore store, string connectionString, string dataPath)
    {
        var address = new Uri($"http://127.0.0.1:{HostPorts.Free()}");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { WebDll(), "--urls", address.ToString(), "--role", "all" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataPath,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Offload__DataPath"] = dataPath;
        info.Environment["Offload__Store"] = store == BenchStore.Sqlite ? "sqlite" : "postgres";
        info.Environment["ConnectionStrings__Offload"] = connectionString;
        info.Environment["Offload__Bootstrap__AdminPassword"] = AdminPassword;
        info.Environment["Offload__Import__MaxBytes"] = (1L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The SSE scenario's watchers stand for many browsers but share one account, past the per-account bound.
        info.Environment["Offload__Events__MaxStreamsPerUser"] = "100000";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  [host] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new OffloadHostProcess(process, address);
        await host.WaitReadyAsync();
        await host.SignInAsync();
        return host;
    }

    /// <summary>Polls the job until it is finished; returns its final JSON.</summary>
    public async Task<JsonElement> WaitFinishedAsync(string jobId, TimeSpan limit)
    {
        var until = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var job = await Http.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
            var status = job.GetProperty("status").GetString();
            if (status is "completed" or "failed" or "aborted") return job;
            if (Stopwatch.GetTimestamp() > until) throw new TimeoutException($"Job {jobId} still {status} after {limit}.");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private long StatusKb(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith(field, StringComparison.Ordinal))
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return 0;
    }

    private async Task SignInAsync()
    {
        var response = await Http.PostAsJsonAsync("/api/auth/tokens", new { username = "admin", password = AdminPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private async Task WaitReadyAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The host exited at start ({_process.ExitCode}).");
            try
            {
                if ((await Http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The host did not become ready in 60 s.");
    }

    /// <summary>src/Offload.Web's Release build, found from the repository root above this program.</summary>
    private static string WebDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Offload.slnx"))) dir = dir.Parent;
        var dll = dir is null ? null : Path.Combine(dir.FullName, "src", "Offload.Web", "bin", "Release", "net10.0", "Offload.Web.dll");
        return dll is not null && File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Offload.Web in Release first.", dll);
    }
}
