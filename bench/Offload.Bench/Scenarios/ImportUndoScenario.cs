using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Offload.Bench.Harness;
using Offload.Bench.Offload;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform;
using Offload.Platform.Identity;
using Offload.Platform.MassActions.Undo;
using Offload.Platform.Users.Import;

namespace Offload.Bench.Scenarios;

/// <summary>
/// Issue 19's import numbers on one database per store, in one run: a CSV import of new users with and without writing
/// its change records (without: the records are not written; the store still reports ids and fingerprints, whose cost
/// the import scenario's before/after runs measure), then the undo of the recorded import (every created user checked
/// against its fingerprint, then deleted). Each import starts from an emptied users table.
/// </summary>
internal sealed class ImportUndoScenario : IScenario
{
    private static readonly Actor Admin = new(0, "bench", Roles.Superadmin, []);

    public string Name => "import-undo";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchSizes sizes)
    {
        var rows = sizes.ImportRows.Max();
        var cost = new Table("CSV import of new users with and without change records (in-process node, enqueue → completed)",
            "Without: the chunks write no change record. Target: recording costs ≤ 15%.",
            "store", "rows", "without", "with", "cost", "target");
        var undo = new Table("Undoing that import (in-process node, start → completed)",
            "Every created user read, compared with its fingerprint and deleted (cascading to its branch links). No target of its own.",
            "store", "rows", "undo", "rows/s", "raw delete of the same rows");
        foreach (var store in sizes.Stores)
        {
            using var scratch = new Scratch("import-undo");
            var connection = store == BenchStore.Sqlite
                ? global::Offload.Storage.Sqlite.SqliteDatabase.ForFile(scratch.File("offload.db"))
                : await BenchPostgres.CreateDatabaseAsync("bench_import_undo");
            TimeSpan without, with, undone;
            await using (var plain = await NodeAsync(store, connection, scratch.Path, recording: false))
            {
                // A small import first, so that neither measured one pays for compiling the hot code.
                await ImportAsync(plain, 2_000, "w", sizes);
                await ExecuteAsync(store, connection, "DELETE FROM users");
                without = await ImportAsync(plain, rows, "a", sizes);
            }
            var clock = Stopwatch.StartNew();
            var deleted = await ExecuteAsync(store, connection, "DELETE FROM users");
            var raw = clock.Elapsed;
            if (deleted != rows) throw new InvalidOperationException($"The raw delete removed {deleted} users, not {rows}.");
            await using (var node = await NodeAsync(store, connection, scratch.Path, recording: true))
            {
                with = await ImportAsync(node, rows, "b", sizes);
                undone = await UndoRuns.UndoLastAsync(node, Admin, rows, sizes.Limit * 4);
            }
            if (await ExecuteAsync(store, connection, "DELETE FROM users") != 0) throw new InvalidOperationException("The undo left users behind.");
            if (store == BenchStore.Postgres) await BenchPostgres.DropDatabaseAsync(connection);
            else SqliteConnection.ClearAllPools();
            var label = store == BenchStore.Sqlite ? "SQLite" : "PostgreSQL";
            var extra = with.TotalSeconds / without.TotalSeconds - 1;
            cost.Add(label, Format.Count(rows), Format.Ms(without.TotalMilliseconds), Format.Ms(with.TotalMilliseconds),
                $"{Format.Number(extra * 100)}%", Format.Verdict(extra <= 0.15));
            undo.Add(label, Format.Count(rows), Format.Ms(undone.TotalMilliseconds), Format.Rate(rows / undone.TotalSeconds), Format.Ms(raw.TotalMilliseconds));
        }
        return [cost, undo];
    }

    /// <summary>A node running the import and the undo as the host composes them; without recording, no change record is written.</summary>
    private static async Task<OffloadNode> NodeAsync(BenchStore store, string connection, string data, bool recording)
    {
        var node = await OffloadNode.CreateAsync(store, connection, data, 1, services =>
        {
            services.AddSingleton<IPasswordHasher, NoPasswords>();
            services.AddSingleton<JobUndo>();
            services.AddSingleton<IJobHandler, UsersImportHandler>();
            services.AddSingleton<IJobHandler, UndoHandler>();
            services.AddSingleton<IChangeReverter, ImportReverter>();
            if (!recording) services.Replace(ServiceDescriptor.Singleton<IJobChanges, NoChangeRecords>());
        });
        await node.StartAsync();
        return node;
    }

    private static async Task<TimeSpan> ImportAsync(OffloadNode node, int rows, string prefix, BenchSizes sizes)
    {
        var files = node.Services.GetRequiredService<JobFiles>();
        var id = JobQueue.NewId();
        var path = files.PathOf(id, UsersImportInput.UploadFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var csv = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            await csv.WriteAsync("username,email,firstname,lastname\n");
            for (var i = 0; i < rows; i++)
                await csv.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{prefix}{i:0000000},{prefix}{i:0000000}@example.com,First {i},Last\n"));
        }
        var clock = Stopwatch.StartNew();
        await node.Queue.EnqueueAsync(new NewJob(id, UsersImportHandler.KindName, "bench import", Admin.Id, Admin.Username, rows,
            JsonSerializer.Serialize(new UsersImportInput("bench.csv", false, Admin), JsonDefaults.Options)), default);
        var job = await UndoRuns.WaitCompletedAsync(node, id, sizes.Limit * 4);
        if ((job.Processed, job.ErrorCount) != (rows, 0)) throw new InvalidOperationException($"Import ended at {job.Processed} with {job.ErrorCount} errors.");
        return clock.Elapsed;
    }

    private static async Task<long> ExecuteAsync(BenchStore store, string connection, string sql)
    {
        await using System.Data.Common.DbConnection c = store == BenchStore.Postgres ? new NpgsqlConnection(connection) : new SqliteConnection(connection);
        await c.OpenAsync();
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The bench's file has no password column.</summary>
    private sealed class NoPasswords : IPasswordHasher
    {
        public string Hash(string password) => throw new NotSupportedException();

        public bool Verify(string hash, string password) => throw new NotSupportedException();
    }

    /// <summary>Change records not written: the import as it would run without recording.</summary>
    private sealed class NoChangeRecords : IJobChanges
    {
        public Task RecordAsync(RecordChangeRequest request, ChunkTransaction tx, CancellationToken ct) => Task.CompletedTask;

        public Task<IReadOnlyList<ChangeRecord>> ReadNextAsync(ReadChangesRequest request, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, long>> CountAsync(CountChangesRequest request, CancellationToken ct) => throw new NotSupportedException();

        public Task<Guid?> FindUndoAsync(FindUndoRequest request, CancellationToken ct) => throw new NotSupportedException();
    }
}
