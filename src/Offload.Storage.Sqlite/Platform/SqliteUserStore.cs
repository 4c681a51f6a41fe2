using Dapper;
using Microsoft.Data.Sqlite;
using Offload.Jobs;
using Offload.Platform.Users;
using Offload.Storage.Sqlite.Jobs;

namespace Offload.Storage.Sqlite.Platform;

/// <summary>Users on SQLite.</summary>
public sealed class SqliteUserStore(SqliteDatabase db) : IUserStore
{
    private const string UserColumns = """
        id AS Id, username AS Username, email AS Email, first_name AS FirstName, last_name AS LastName,
        language AS Language, active AS Active, role AS Role, password_hash AS PasswordHash
        """;

    public async Task<User?> FindByUsernameAsync(FindUserRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<User>(
            $"SELECT {UserColumns} FROM users WHERE username = @username", new { username = r.Username });
    }

    public async Task<User?> GetAsync(GetUserRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<User>($"SELECT {UserColumns} FROM users WHERE id = @id", new { id = r.Id });
    }

    public async Task<long> CountAsync(CountUsersRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT count(*) FROM users");
    }

    public Task<long> CreateAsync(CreateUserRequest r, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            var u = r.User;
            var id = await c.ExecuteScalarAsync<long>("""
                INSERT INTO users (username, email, first_name, last_name, language, active, password_hash, role, created_at)
                VALUES (@Username, @Email, @FirstName, @LastName, @Language, @Active, @PasswordHash, @Role, @now)
                RETURNING id
                """, new { u.Username, u.Email, u.FirstName, u.LastName, u.Language, u.Active, u.PasswordHash, u.Role, now = r.Now.ToUnixTimeMilliseconds() }, tx);
            foreach (var branch in r.BranchIds)
                await c.ExecuteAsync("INSERT INTO user_branches (user_id, branch_id) VALUES (@id, @branch)", new { id, branch }, tx);
            return id;
        }, ct);

    public async Task<IReadOnlyDictionary<string, long>> BranchIdsByNameAsync(ChunkTransaction tx, CancellationToken ct)
    {
        var rows = await tx.Connection.QueryAsync<(string Name, long Id)>("SELECT name, id FROM branches", transaction: tx.Transaction);
        return rows.ToDictionary(r => r.Name, r => r.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// One prepared statement reused for every row of the chunk: on SQLite (in-process, no round trip)
    /// that is the bulk path, and it runs synchronously because Microsoft.Data.Sqlite's async methods
    /// only wrap the same synchronous calls in tasks. Only plain users are ever updated by an import,
    /// never an administrator.
    /// </summary>
    public Task<IReadOnlyList<bool>> ImportAsync(ImportUsersRequest r, ChunkTransaction tx, CancellationToken ct)
    {
        var c = (SqliteConnection)tx.Connection;
        var t = (SqliteTransaction)tx.Transaction;
        var onConflict = r.UpdateExisting
            ? """
              DO UPDATE SET email = excluded.email,
                  first_name = COALESCE(@firstName, first_name), last_name = COALESCE(@lastName, last_name),
                  language = COALESCE(@language, language), active = COALESCE(@active, active),
                  password_hash = COALESCE(@password, password_hash)
              WHERE users.role = 'user'
              """
            : "DO NOTHING";
        var sql = $"""
            INSERT INTO users (username, email, first_name, last_name, language, active, password_hash, role, created_at)
            VALUES (@username, @email, COALESCE(@firstName, ''), COALESCE(@lastName, ''), COALESCE(@language, 'en'),
                    COALESCE(@active, 1), @password, 'user', @now)
            ON CONFLICT (username) {onConflict}
            """;
        (string, object?)[] parameters = [("@username", ""), ("@email", ""), ("@firstName", null), ("@lastName", null),
            ("@language", null), ("@active", null), ("@password", null), ("@now", r.Now.ToUnixTimeMilliseconds())];
        // Rows with a branch need the user's id back for the link; the others skip RETURNING.
        using var upsert = c.Command(sql, t, parameters);
        using var upsertReturningId = c.Command(sql + " RETURNING id", t, parameters);
        using var link = c.Command("INSERT OR IGNORE INTO user_branches (user_id, branch_id) VALUES (@user, @branch)", t,
            ("@user", 0L), ("@branch", 0L));
        var written = new bool[r.Rows.Count];
        for (var i = 0; i < r.Rows.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var u = r.Rows[i];
            var command = u.BranchId is null ? upsert : upsertReturningId;
            var p = command.Parameters;
            p["@username"].Value = u.Username;
            p["@email"].Value = u.Email;
            p["@firstName"].Value = (object?)u.FirstName ?? DBNull.Value;
            p["@lastName"].Value = (object?)u.LastName ?? DBNull.Value;
            p["@language"].Value = (object?)u.Language ?? DBNull.Value;
            p["@active"].Value = u.Active is { } a ? (a ? 1 : 0) : DBNull.Value;
            p["@password"].Value = (object?)u.PasswordHash ?? DBNull.Value;
            if (u.BranchId is not { } branch)
            {
                written[i] = command.ExecuteNonQuery() == 1;
                continue;
            }
            if (command.ExecuteScalar() is not long id) continue;
            written[i] = true;
            link.Parameters["@user"].Value = id;
            link.Parameters["@branch"].Value = branch;
            link.ExecuteNonQuery();
        }
        return Task.FromResult<IReadOnlyList<bool>>(written);
    }
}
