using System.Diagnostics;
using Npgsql;

namespace Offload.Testing;

/// <summary>
/// A throwaway PostgreSQL 15 cluster on a free loopback port, started once per test process from the
/// server binaries on the machine (initdb, pg_ctl — as the postgres user when running as root) and
/// stopped when the process exits. Never a system service. Missing binaries fail the tests: a test
/// that needs PostgreSQL runs or fails, it never skips.
/// </summary>
public sealed class PostgresCluster
{
    private static readonly Lazy<Task<PostgresCluster>> Shared = new(StartAsync);
    private readonly string _bin;
    private readonly string _dataDir;

    private PostgresCluster(string bin, string dataDir, int port)
    {
        _bin = bin;
        _dataDir = dataDir;
        Port = port;
    }

    public int Port { get; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public static Task<PostgresCluster> InstanceAsync() => Shared.Value;

    /// <summary>A cluster of the caller's own, for a test that restarts it: the shared one serves tests running beside it.</summary>
    public static Task<PostgresCluster> StartPrivateAsync() => StartAsync();

    /// <summary>
    /// Stops the server, keeps it down for <paramref name="downFor"/>, starts it again on the same port. Every
    /// session is cut: "fast" rolls back open transactions, "immediate" is a crash recovered from the log at start.
    /// </summary>
    public async Task RestartAsync(string mode, TimeSpan downFor)
    {
        await RunAsync(Path.Combine(_bin, "pg_ctl"), "-D", _dataDir, "-m", mode, "-w", "stop");
        await Task.Delay(downFor);
        await RunAsync(Path.Combine(_bin, "pg_ctl"), "-D", _dataDir, "-l", Path.Combine(_dataDir, "server.log"), "-w", "start", "-o", Options(Port));
        // The test's own pooled connections died with the sessions; the host under test must cope by itself.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A new empty database; the connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "offload")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using var c = new NpgsqlConnection(AdminConnectionString);
        await c.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", c);
        await create.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name}";
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(AdminConnectionString);
        await c.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresCluster> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("OFFLOAD_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
        if (!File.Exists(Path.Combine(bin, "initdb")))
            throw new InvalidOperationException($"PostgreSQL server binaries are missing in {bin}: apt-get install -y postgresql (or set OFFLOAD_PG_BIN).");
        var dataDir = Path.Combine(Path.GetTempPath(), "offload-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDir);
        if (IsRoot) await RunAsync("chown", "postgres:postgres", dataDir);
        await RunAsync(Path.Combine(bin, "initdb"), "-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        var port = HostPorts.Free();
        var cluster = new PostgresCluster(bin, dataDir, port);
        await RunAsync(Path.Combine(bin, "pg_ctl"), "-D", dataDir, "-l", Path.Combine(dataDir, "server.log"), "-w", "start", "-o", Options(port));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return cluster;
    }

    /// <summary>
    /// Loopback only, sockets in the data folder; fsync off because a test database need not survive a power cut.
    /// OFFLOAD_PG_OPTIONS adds server options when profiling (e.g. "-c shared_preload_libraries=pg_stat_statements").
    /// </summary>
    private static string Options(int port) =>
        $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c max_connections=300 " +
        Environment.GetEnvironmentVariable("OFFLOAD_PG_OPTIONS");

    public void Stop()
    {
        try
        {
            RunAsync(Path.Combine(_bin, "pg_ctl"), "-D", _dataDir, "-m", "immediate", "-w", "stop").GetAwaiter().GetResult();
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (Exception)
        {
            // Best effort at process exit: a leftover temp folder is harmless.
        }
    }

    internal static bool IsRoot => Environment.UserName == "root";

    /// <summary>Runs a command (as postgres when root, since PostgreSQL and PgBouncer refuse to run as root) and fails loudly.</summary>
    internal static async Task RunAsync(string command, params string[] args)
    {
        var asPostgres = IsRoot && command != "chown";
        var info = new ProcessStartInfo(asPostgres ? "runuser" : command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", command }) info.ArgumentList.Add(a);
        }
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed ({process.ExitCode}):\n{await output}\n{await error}");
    }
}
