using Dapper;
using Microsoft.Data.Sqlite;
using Offload.Jobs.Storage;
using Offload.Storage.Sqlite;

namespace Offload.Storage.Sqlite.Tests;

/// <summary>
/// A database made before migration 0005 had already reused or lost ids: the migration must keep every row
/// (no ON DELETE CASCADE through the rebuild) and start above every id anything still names.
/// </summary>
public sealed class UserIdsMigrationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "offload-migration-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Upgrading_keeps_users_and_their_links_and_never_reissues_an_id_a_job_still_names()
    {
        Directory.CreateDirectory(_folder);
        using var db = new SqliteDatabase(SqliteDatabase.ForFile(Path.Combine(_folder, "offload.db")));
        await db.WriteAsync(async (c, tx) =>
        {
            // The schema as it was before 0005, then the data of a running platform.
            await c.ExecuteAsync("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", transaction: tx);
            foreach (var (version, sql) in EmbeddedMigrations.Read(typeof(SqliteDatabase).Assembly).Where(m => m.Version < 5))
            {
                await c.ExecuteAsync(sql, transaction: tx);
                await c.ExecuteAsync("INSERT INTO schema_migrations VALUES (@version, 'then')", new { version }, tx);
            }
            await c.ExecuteAsync("""
                INSERT INTO users (id, username, email, role, created_at) VALUES (1, 'admin', 'a@x', 'superadmin', 0), (2, 'ann', 'ann@x', 'user', 0);
                INSERT INTO branches (id, name) VALUES (1, 'Paris');
                INSERT INTO user_branches VALUES (2, 1);
                INSERT INTO courses (id, code, title) VALUES (1, 'C1', 'Course');
                INSERT INTO enrollments VALUES (2, 1, 0);
                INSERT INTO api_tokens VALUES ('h', 2, 0, 1, NULL);
                -- user 3 ran a job and was deleted: only the job still names them
                INSERT INTO jobs (id, kind, description, owner_id, owner_name, status, created_at, total, expires_at, input)
                VALUES ('0190d8a0-0000-7000-8000-000000000000', 'users.export', 'Export', 3, 'paris-manager', 'completed', 0, 1, 9, '{}');
                """, transaction: tx);
            return 0;
        }, default);

        await db.MigrateAsync(default);

        await using var check = await db.OpenAsync(default);
        Assert.Equal((1L, 1L, 1L), await check.QuerySingleAsync<(long, long, long)>(
            "SELECT (SELECT count(*) FROM user_branches), (SELECT count(*) FROM enrollments), (SELECT count(*) FROM api_tokens)"));
        Assert.Equal(["admin", "ann"], await check.QueryAsync<string>("SELECT username FROM users ORDER BY id"));
        Assert.Empty(await check.QueryAsync("PRAGMA foreign_key_check"));
        var next = await check.ExecuteScalarAsync<long>(
            "INSERT INTO users (username, email, created_at) VALUES ('lyon-manager', 'l@x', 0) RETURNING id");
        Assert.Equal(4, next);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
