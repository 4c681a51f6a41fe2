using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Offload.Testing;

/// <summary>
/// The real Offload.Web process, started with `dotnet Offload.Web.dll` on a loopback port as an operator runs it,
/// for the tests and the bench: it can be killed with SIGKILL at any moment and started again on the same data,
/// and its memory and CPU are read from the kernel.
/// </summary>
public sealed class HostProcess : IDisposable, IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>True once the process has died on its own (or was killed).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>What the process printed (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Resident memory of the host now (VmRSS).</summary>
    public long RssBytes => StatusKilobytes("VmRSS:") * 1024;

    /// <summary>Peak resident memory of the host so far, the kernel's own high-water mark (VmHWM).</summary>
    public long PeakRssBytes => StatusKilobytes("VmHWM:") * 1024;

    /// <summary>CPU the host has used so far (user + system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// Starts the host on <paramref name="dataPath"/> with <paramref name="settings"/> as environment variables
    /// (Offload__..., ConnectionStrings__..., Logging__...) and waits until it answers /readyz.
    /// </summary>
    /// <param name="role">all, web or worker (--role).</param>
    /// <param name="onError">Each line the host writes to stderr, as it writes it (the bench shows them live).</param>
    /// <param name="webDll">Another build of the host to run (the bench's published build); by default src/Offload.Web's own build output.</param>
    public static async Task<HostProcess> StartAsync(string dataPath, IReadOnlyDictionary<string, string> settings, int? port = null,
        string role = "all", Action<string>? onError = null, string? webDll = null)
    {
        var host = Launch(dataPath, settings, port, role, onError, webDll);
        try
        {
            await host.WaitReadyAsync();
            return host;
        }
        catch
        {
            host.Dispose(); // a host that never became ready must not outlive the test or bench that started it
            throw;
        }
    }

    /// <summary>Starts the process without waiting for it to serve: its workers may resume a job before its web side is up.</summary>
    public static HostProcess Launch(string dataPath, IReadOnlyDictionary<string, string> settings, int? port = null, string role = "all",
        Action<string>? onError = null, string? webDll = null)
    {
        var address = new Uri($"http://127.0.0.1:{port ?? HostPorts.Free()}");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { webDll ?? WebDll(), "--urls", address.ToString(), "--role", role },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataPath,
        };
        info.Environment["Offload__DataPath"] = dataPath;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) info.Environment[key] = value;
        var host = new HostProcess(new Process { StartInfo = info }, address);
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host._process.ErrorDataReceived += (_, e) =>
        {
            host.Append(e.Data);
            if (e.Data is not null) onError?.Invoke(e.Data);
        };
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    /// <summary>A script's client of this node, signed in as admin with a bearer token; <paramref name="timeout"/> per request (default 100 s).</summary>
    public async Task<HttpClient> SignInAsync(string adminPassword, TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = Address };
        if (timeout is { } t) http.Timeout = t;
        var response = await http.PostAsJsonAsync("/api/auth/tokens", new { username = "admin", password = adminPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The host exited at start ({_process.ExitCode}):\n{Output}");
            try
            {
                if ((await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The host did not become ready in 60 s:\n" + Output);
    }

    /// <summary>Starts <see cref="PeakRssBytes"/> afresh from the current resident size (Linux: clear_refs 5).</summary>
    public void ResetPeakRss() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    /// <summary>SIGKILL: no shutdown hook, no flush — the harshest crash a process can have.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private long StatusKilobytes(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>src/Offload.Web's own build output, in the configuration of the program running this (bin/&lt;Config&gt;/&lt;tfm&gt;).</summary>
    private static string WebDll()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(Checkout.Root, "src", "Offload.Web", "bin", bin.Parent!.Name, bin.Name, "Offload.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Offload.Web first.", dll);
    }
}
