using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Offload.Bench.Harness;
using Offload.Bench.Host;
using Offload.Bench.Offload;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform;
using Offload.Platform.Enrollments;
using Offload.Platform.Enrollments.Enroll;
using Offload.Platform.Identity;
using Offload.Platform.MassActions.Undo;
using Offload.Platform.Selection;
using Offload.Storage.Sql;

namespace Offload.Bench.Scenarios;

/// <summary>
/// Issue 19's two numbers on one database per store, in one run: enrolling every user in a course with and without
/// recording what each chunk changed (without = the enroll as it was before: no RETURNING, no record), and undoing the
/// recorded enroll against the raw bulk delete of the same rows. The raw delete names the rows by their keys, (user, course)
/// pairs in one statement, which is what deleting "these rows" takes in general; the range delete of the whole course is
/// shown beside it as the floor, possible here only because the bench's course holds nothing else.
/// </summary>
internal sealed class UndoScenario : IScenario
{
    private static readonly Actor Admin = new(1, "bench", Roles.Superadmin, []);

    public string Name => "undo";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchSizes sizes)
    {
        var cost = new Table("Enrolling every user in one course, with and without change records (in-process node, enqueue → completed)",
            "Without: the enroll as before issue 19 (no RETURNING, nothing recorded). Target: recording costs ≤ 15%.",
            "store", "enrollments", "without", "with", "cost", "target");
        var undo = new Table("Undoing that enroll against the raw bulk delete of the same rows",
            "Undo: POST-equivalent start (count) → job completed, every enrollment checked against its record. Raw: one DELETE of the same (user, course) pairs by key. " +
            "Range: one DELETE ... WHERE course_id (only possible when the course holds nothing else). Target: ≥ 0.5× raw.",
            "store", "enrollments", "undo", "rows/s", "raw delete", "× raw", "range delete", "× range", "target");
        foreach (var store in sizes.Stores)
        {
            using var scratch = new Scratch("undo");
            var connection = store == BenchStore.Sqlite
                ? global::Offload.Storage.Sqlite.SqliteDatabase.ForFile(scratch.File("offload.db"))
                : await BenchPostgres.CreateDatabaseAsync("bench_undo");
            var rounds = 1;
            var (without, with, undone, raw, range) = (TimeSpan.MaxValue, TimeSpan.MaxValue, TimeSpan.MaxValue, TimeSpan.MaxValue, TimeSpan.MaxValue);
            long rows = 0;
            await using (var setup = await OffloadNode.CreateAsync(store, connection, scratch.Path, 1)) { } // migrates
            await RawInsert.UsersAsync(store, connection, sizes.EnrollUsers);
            var course = await ScalarAsync(store, connection, "INSERT INTO courses (code, title) VALUES ('UNDO', 'Undo benchmark') RETURNING id");
            var ids = await IdsAsync(store, connection);
            for (var round = 0; round < rounds; round++)
            {
                // Without, then with, each after the same history (the first on the fresh table, the second after one enroll
                // and delete), as before the range delete was added; the range delete's rows come from a third enroll, last.
                await using (var plain = await NodeAsync(store, connection, scratch.Path, recording: false))
                {
                    var (time, n) = await EnrollAsync(plain, ids, course, sizes);
                    (without, rows) = (Min(without, time), n);
                    raw = Min(raw, await TimedDeleteAsync(() => DeletePairsAsync(store, connection, course, ids), rows));
                }
                await using (var node = await NodeAsync(store, connection, scratch.Path, recording: true))
                {
                    var (enrolled, enrolledRows) = await EnrollAsync(node, ids, course, sizes);
                    with = Min(with, enrolled);
                    undone = Min(undone, await UndoRuns.UndoLastAsync(node, Admin, enrolledRows, sizes.Limit * 2));
                    if (await ScalarAsync(store, connection, $"SELECT count(*) FROM enrollments WHERE course_id = {course}") != 0)
                        throw new InvalidOperationException("The undo left enrollments behind.");
                }
                await using (var plain = await NodeAsync(store, connection, scratch.Path, recording: false))
                {
                    await EnrollAsync(plain, ids, course, sizes);
                    range = Min(range, await TimedDeleteAsync(() => ExecuteAsync(store, connection, $"DELETE FROM enrollments WHERE course_id = {course}"), rows));
                }
            }
            if (store == BenchStore.Postgres) await BenchPostgres.DropDatabaseAsync(connection);
            else SqliteConnection.ClearAllPools();
            var label = store == BenchStore.Sqlite ? "SQLite" : "PostgreSQL";
            var extra = with.TotalSeconds / without.TotalSeconds - 1;
            cost.Add(label, Format.Count(rows), Format.Ms(without.TotalMilliseconds), Format.Ms(with.TotalMilliseconds),
                $"{Format.Number(extra * 100)}%", Format.Verdict(extra <= 0.15));
            var ratio = raw.TotalSeconds / undone.TotalSeconds;
            undo.Add(label, Format.Count(rows), Format.Ms(undone.TotalMilliseconds), Format.Rate(rows / undone.TotalSeconds),
                Format.Ms(raw.TotalMilliseconds), Format.Ratio(ratio), Format.Ms(range.TotalMilliseconds),
                Format.Ratio(range.TotalSeconds / undone.TotalSeconds), Format.Verdict(ratio >= 0.5));
        }
        return [cost, undo];
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>A node running the enroll and the undo as the host composes them; without recording, enrollments are written as before issue 19.</summary>
    private static async Task<OffloadNode> NodeAsync(BenchStore store, string connection, string data, bool recording)
    {
        var node = await OffloadNode.CreateAsync(store, connection, data, 1, services =>
        {
            services.AddSingleton<ChangeRecorder>();
            services.AddSingleton<JobUndo>();
            services.AddSingleton<IJobHandler, EnrollHandler>();
            services.AddSingleton<IJobHandler, UndoHandler>();
            services.AddSingleton<IChangeReverter, EnrollReverter>();
            if (!recording) services.Replace(ServiceDescriptor.Singleton<IEnrollmentStore, UnrecordedEnrollments>());
        });
        await node.StartAsync();
        return node;
    }

    private static async Task<(TimeSpan Time, long Rows)> EnrollAsync(OffloadNode node, IReadOnlyList<long> ids, long course, BenchSizes sizes)
    {
        var files = node.Services.GetRequiredService<JobFiles>();
        var id = JobQueue.NewId();
        await SelectionFile.WriteAsync(files.PathOf(id, SelectionFile.FileName), ids, default);
        var clock = Stopwatch.StartNew();
        await node.Queue.EnqueueAsync(new NewJob(id, EnrollHandler.KindName, "bench enroll", Admin.Id, Admin.Username, ids.Count,
            JsonSerializer.Serialize(new EnrollJobInput(Admin, [course]), JsonDefaults.Options)), default);
        var job = await UndoRuns.WaitCompletedAsync(node, id, sizes.Limit * 2);
        return (clock.Elapsed, job.Processed);
    }

    private static async Task<DbConnection> OpenAsync(BenchStore store, string connection)
    {
        DbConnection c = store == BenchStore.Postgres ? new NpgsqlConnection(connection) : new SqliteConnection(connection);
        await c.OpenAsync();
        return c;
    }

    private static async Task<long> ScalarAsync(BenchStore store, string connection, string sql)
    {
        await using var c = await OpenAsync(store, connection);
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<long> ExecuteAsync(BenchStore store, string connection, string sql)
    {
        await using var c = await OpenAsync(store, connection);
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>How long <paramref name="delete"/> takes; it must remove all <paramref name="rows"/>.</summary>
    private static async Task<TimeSpan> TimedDeleteAsync(Func<Task<long>> delete, long rows)
    {
        var clock = Stopwatch.StartNew();
        var deleted = await delete();
        var time = clock.Elapsed;
        return deleted == rows ? time : throw new InvalidOperationException($"The raw delete removed {deleted} rows, not {rows}.");
    }

    /// <summary>One DELETE of the (user, course) pairs by key, the ids in one parameter as the stores pass them.</summary>
    private static async Task<long> DeletePairsAsync(BenchStore store, string connection, long course, IReadOnlyList<long> ids)
    {
        await using var c = await OpenAsync(store, connection);
        await using var command = c.CreateCommand();
        command.CommandText = store == BenchStore.Postgres
            ? "DELETE FROM enrollments WHERE course_id = @course AND user_id = ANY(@ids)"
            : "DELETE FROM enrollments WHERE course_id = @course AND user_id IN (SELECT value FROM json_each(@ids))";
        var (courseId, list) = (command.CreateParameter(), command.CreateParameter());
        (courseId.ParameterName, courseId.Value) = ("@course", course);
        (list.ParameterName, list.Value) = ("@ids", store == BenchStore.Postgres ? ids.ToArray() : JsonSerializer.Serialize(ids));
        command.Parameters.Add(courseId);
        command.Parameters.Add(list);
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<IReadOnlyList<long>> IdsAsync(BenchStore store, string connection)
    {
        await using var c = await OpenAsync(store, connection);
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT id FROM users ORDER BY id";
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    /// <summary>The enroll's write as it was before change records: the same statement without RETURNING, reporting nothing.</summary>
    private sealed class UnrecordedEnrollments(SqlDatabase db) : IEnrollmentStore
    {
        private readonly SqlDialect _d = db.Dialect;
        private readonly string _enroll = $"""
            INSERT INTO enrollments (user_id, course_id, enrolled_at)
            SELECT u.value, c.id, @now FROM {db.Dialect.Rows("@users", "u")} CROSS JOIN courses c WHERE c.id {db.Dialect.InIds("@courses")}
            ON CONFLICT DO NOTHING
            """;

        public async Task<IReadOnlyList<EnrollmentPair>> EnrollAsync(EnrollRequest r, ChunkTransaction tx, CancellationToken ct)
        {
            await using var insert = tx.Connection.Command(_enroll, tx.Transaction, ("@users", _d.Ids(r.UserIds)), ("@courses", _d.Ids(r.CourseIds)), ("@now", _d.Time(r.Now)));
            await insert.ExecuteNonQueryAsync(ct);
            return [];
        }

        public Task<IReadOnlyList<Enrollment>> ListForUserAsync(ListEnrollmentsRequest r, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<RemovedEnrollment>> UnenrollAsync(UnenrollRequest r, ChunkTransaction tx, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<long>> RemoveEnrolledAtAsync(RemoveEnrolledAtRequest r, ChunkTransaction tx, CancellationToken ct) => throw new NotSupportedException();

        public Task RefreshStatisticsAsync(ChunkTransaction tx, CancellationToken ct) => throw new NotSupportedException();
    }
}
