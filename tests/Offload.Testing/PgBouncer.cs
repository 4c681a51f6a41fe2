using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Npgsql;

namespace Offload.Testing;

/// <summary>
/// A throwaway PgBouncer in transaction pooling mode on a free loopback port, in front of a <see cref="PostgresCluster"/>:
/// Debian's pgbouncer binary run with docs/pgbouncer.ini (the operators' example) and its own userlist in a temp folder,
/// as the postgres user when running as root, stopped at dispose (the shared one when the process exits). Never a system
/// service. A missing binary fails the tests: a test that needs PgBouncer runs or fails, it never skips.
/// </summary>
public sealed class PgBouncer : IAsyncDisposable
{
    private static readonly Lazy<Task<PgBouncer>> Shared = new(async () =>
    {
        var bouncer = await StartAsync(await PostgresCluster.InstanceAsync());
        // Unloading comes before ProcessExit, where the cluster stops: the test runner does not wait long for a
        // test process to end, and a PgBouncer left behind would outlive it.
        AssemblyLoadContext.Default.Unloading += _ => bouncer.Stop();
        return bouncer;
    });

    private readonly string _folder;

    private PgBouncer(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The one in front of the shared cluster.</summary>
    public static Task<PgBouncer> InstanceAsync() => Shared.Value;

    /// <summary>The same database and user as <paramref name="direct"/> (a connection string to the cluster), through this PgBouncer.</summary>
    public string Pooled(string direct) => new NpgsqlConnectionStringBuilder(direct) { Port = Port }.ConnectionString;

    public static async Task<PgBouncer> StartAsync(PostgresCluster cluster)
    {
        const string binary = "/usr/sbin/pgbouncer";
        if (!File.Exists(binary))
            throw new InvalidOperationException($"{binary} is missing: apt-get install -y pgbouncer.");
        var folder = Path.Combine(Path.GetTempPath(), "offload-pgbouncer-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var port = HostPorts.Free();
        var ini = Path.Combine(folder, "pgbouncer.ini");
        await File.WriteAllTextAsync(ini, Configure(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "pgbouncer.ini")),
            folder, port, cluster.Port));
        // trust: the user must still be listed; loopback only, like the cluster behind it.
        await File.WriteAllTextAsync(Path.Combine(folder, "userlist.txt"), "\"postgres\" \"\"\n");
        if (PostgresCluster.IsRoot) await PostgresCluster.RunAsync("chown", "-R", "postgres:postgres", folder);
        var bouncer = new PgBouncer(folder, port);
        // -d: it detaches once listening; the pidfile says whom to stop.
        await PostgresCluster.RunAsync(binary, "-d", ini);
        await bouncer.WaitListeningAsync();
        return bouncer;
    }

    /// <summary>The operators' example with the lines it marks for tests replaced: cluster, port, auth and files in <paramref name="folder"/>.</summary>
    private static string Configure(string example, string folder, int port, int clusterPort)
    {
        string Set(string text, string key, string value, string? asKey = null)
        {
            var replaced = Regex.Replace(text, $@"^{Regex.Escape(key)}\s*=.*$", $"{asKey ?? key} = {value}", RegexOptions.Multiline);
            return replaced != text ? replaced : throw new InvalidOperationException($"docs/pgbouncer.ini has no '{key} =' line.");
        }

        // Every database of the cluster: each test class makes its own.
        var ini = Set(example, "offload", $"host=127.0.0.1 port={clusterPort}", asKey: "*");
        ini = Set(ini, "listen_addr", "127.0.0.1");
        ini = Set(ini, "listen_port", port.ToString(CultureInfo.InvariantCulture));
        ini = Set(ini, "auth_type", "trust");
        ini = Set(ini, "auth_file", Path.Combine(folder, "userlist.txt"));
        ini = Set(ini, "logfile", Path.Combine(folder, "pgbouncer.log"));
        return Set(ini, "pidfile", Path.Combine(folder, "pgbouncer.pid"));
    }

    private async Task WaitListeningAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(50);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"PgBouncer did not listen on {Port}:\n{Log()}", e);
            }
        }
    }

    /// <summary>What PgBouncer logged, for a failure message.</summary>
    public string Log()
    {
        var log = Path.Combine(_folder, "pgbouncer.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no log)";
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private void Stop()
    {
        try
        {
            var pid = int.Parse(File.ReadAllText(Path.Combine(_folder, "pgbouncer.pid")).Trim(), CultureInfo.InvariantCulture);
            using (var process = Process.GetProcessById(pid))
            {
                process.Kill();
            }
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception)
        {
            // Best effort, at dispose or process exit: a leftover temp folder is harmless.
        }
    }
}
