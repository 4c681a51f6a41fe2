using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Offload.Bench.Offload;

namespace Offload.Bench.Host;

/// <summary>
/// The raw limit the import and enroll are held to: the same rows into the same (migrated) tables by
/// the fastest plain means — COPY on PostgreSQL, one prepared INSERT looped in one transaction on SQLite.
/// </summary>
internal static class RawInsert
{
    public static string Username(int i) => $"user{i}";

    /// <summary>Inserts users user0..user{count-1}; returns the time it took.</summary>
    public static async Task<TimeSpan> UsersAsync(BenchStore store, string connectionString, int count)
    {
        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        if (store == BenchStore.Postgres)
        {
            await using var c = new NpgsqlConnection(connectionString);
            await c.OpenAsync();
            await using var copy = await c.BeginBinaryImportAsync(
                "COPY users (username, email, first_name, last_name, created_at) FROM STDIN (FORMAT BINARY)");
            for (var i = 0; i < count; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(Username(i), NpgsqlDbType.Text);
                await copy.WriteAsync($"{Username(i)}@example.com", NpgsqlDbType.Text);
                await copy.WriteAsync($"First{i}", NpgsqlDbType.Text);
                await copy.WriteAsync($"Last{i}", NpgsqlDbType.Text);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        else
        {
            await using var c = new SqliteConnection(connectionString);
            await c.OpenAsync();
            await using var tx = c.BeginTransaction();
            await using var insert = c.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO users (username, email, first_name, last_name, created_at) VALUES ($u, $e, $f, $l, $t)";
            var u = insert.Parameters.Add("$u", SqliteType.Text);
            var e = insert.Parameters.Add("$e", SqliteType.Text);
            var f = insert.Parameters.Add("$f", SqliteType.Text);
            var l = insert.Parameters.Add("$l", SqliteType.Text);
            insert.Parameters.AddWithValue("$t", now.ToUnixTimeMilliseconds());
            insert.Prepare();
            for (var i = 0; i < count; i++)
            {
                u.Value = Username(i);
                e.Value = $"{Username(i)}@example.com";
                f.Value = $"First{i}";
                l.Value = $"Last{i}";
                await insert.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
        return clock.Elapsed;
    }

    /// <summary>Enrolls every user in one course; returns the time it took and the rows written.</summary>
    public static async Task<(TimeSpan Time, long Rows)> EnrollmentsAsync(BenchStore store, string connectionString, long courseId)
    {
        var clock = Stopwatch.StartNew();
        long rows = 0;
        if (store == BenchStore.Postgres)
        {
            await using var c = new NpgsqlConnection(connectionString);
            await c.OpenAsync();
            var ids = new List<long>();
            await using (var read = new NpgsqlCommand("SELECT id FROM users ORDER BY id", c))
            await using (var r = await read.ExecuteReaderAsync())
                while (await r.ReadAsync()) ids.Add(r.GetInt64(0));
            var now = DateTimeOffset.UtcNow;
            await using var copy = await c.BeginBinaryImportAsync("COPY enrollments (user_id, course_id, enrolled_at) FROM STDIN (FORMAT BINARY)");
            foreach (var id in ids)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(id, NpgsqlDbType.Bigint);
                await copy.WriteAsync(courseId, NpgsqlDbType.Bigint);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
            rows = (long)await copy.CompleteAsync();
        }
        else
        {
            await using var c = new SqliteConnection(connectionString);
            await c.OpenAsync();
            var ids = new List<long>();
            await using (var read = c.CreateCommand())
            {
                read.CommandText = "SELECT id FROM users ORDER BY id";
                await using var r = await read.ExecuteReaderAsync();
                while (await r.ReadAsync()) ids.Add(r.GetInt64(0));
            }
            await using var tx = c.BeginTransaction();
            await using var insert = c.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO enrollments (user_id, course_id, enrolled_at) VALUES ($u, $c, $t)";
            var u = insert.Parameters.Add("$u", SqliteType.Integer);
            insert.Parameters.AddWithValue("$c", courseId);
            insert.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            insert.Prepare();
            foreach (var id in ids)
            {
                u.Value = id;
                rows += await insert.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
        return (clock.Elapsed, rows);
    }
}
