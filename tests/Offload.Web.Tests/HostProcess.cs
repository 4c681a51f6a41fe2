using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;

using Offload.Testing;

namespace Offload.Web.Tests;

/// <summary>
/// The real Offload.Web process, started with `dotnet Offload.Web.dll` on a loopback port, as an operator
/// runs it — so it can be killed with SIGKILL at any moment and started again on the same data.
/// </summary>
public sealed class HostProcess : IDisposable
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

    /// <summary>What the process printed, for failure messages.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static async Task<HostProcess> StartAsync(string dataPath, IReadOnlyDictionary<string, string> settings, int? port = null,
        string role = "all")
    {
        var host = Launch(dataPath, settings, port, role);
        await host.WaitReadyAsync();
        return host;
    }

    /// <summary>Starts the process without waiting for it to serve: its workers may resume a job before its web side is up.</summary>
    public static HostProcess Launch(string dataPath, IReadOnlyDictionary<string, string> settings, int? port = null, string role = "all")
    {
        var address = new Uri($"http://127.0.0.1:{port ?? HostPorts.Free()}");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { WebDll(), "--urls", address.ToString(), "--role", role },
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
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    /// <summary>A script's client of this node, signed in as admin with a bearer token.</summary>
    public async Task<HttpClient> SignInAsync(string adminPassword)
    {
        var http = new HttpClient { BaseAddress = Address };
        var response = await http.PostAsJsonAsync("/api/auth/tokens", new { username = "admin", password = adminPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["token"].ToString();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

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

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException("The host exited at start:\n" + Output);
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
        throw new TimeoutException("The host did not become ready:\n" + Output);
    }

    /// <summary>src/Offload.Web's own build output, in the same configuration as these tests.</summary>
    private static string WebDll()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)); // .../bin/<Config>/net10.0
        var configuration = bin.Parent!.Name;
        var root = bin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "src", "Offload.Web", "bin", configuration, bin.Name, "Offload.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Offload.Web first.", dll);
    }
}
