using Dapper;
using Microsoft.Data.Sqlite;
using Offload.Jobs;
using Offload.Platform.Identity;
using Offload.Platform.Users;
using Offload.Storage.Sqlite.Jobs;

namespace Offload.Storage.Sqlite.Platform;

/// <summary>Users on SQLite. Id lists travel as one JSON array parameter (json_each), never spliced SQL.</summary>
public sealed class SqliteUserStore(SqliteDatabase db) : IUserStore
{
    private const string UserColumns = """
        u.id AS Id, u.username AS Username, u.email AS Email, u.first_name AS FirstName, u.last_name AS LastName,
        u.language AS Language, u.active AS Active, u.role AS Role, u.password_hash AS PasswordHash, u.security_stamp AS SecurityStamp
        """;

    /// <summary>A fresh security stamp (<see cref="User.SecurityStamp"/>), made by SQLite so a set-based statement gives each row its own.</summary>
    private const string NewStamp = "lower(hex(randomblob(16)))";

    public async Task<User?> FindByUsernameAsync(FindUserRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var user = await c.QuerySingleOrDefaultAsync<User>($"SELECT {UserColumns} FROM users u WHERE u.username = @username", new { username = r.Username });
        return user is null ? null : (await WithBranchesAsync(c, null, [user]))[0];
    }

    public async Task<User?> GetAsync(GetUserRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var user = await c.QuerySingleOrDefaultAsync<User>($"SELECT {UserColumns} FROM users u WHERE u.id = @id", new { id = r.Id });
        return user is null ? null : (await WithBranchesAsync(c, null, [user]))[0];
    }

    public Task<long?> CreateAsync(CreateUserRequest r, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            var u = r.User;
            var id = await c.ExecuteScalarAsync<long?>($"""
                INSERT INTO users (username, email, first_name, last_name, language, active, password_hash, role, created_at, security_stamp)
                VALUES (@Username, @Email, @FirstName, @LastName, @Language, @Active, @PasswordHash, @Role, @now, {NewStamp})
                ON CONFLICT (username) DO NOTHING
                RETURNING id
                """, new { u.Username, u.Email, u.FirstName, u.LastName, u.Language, u.Active, u.PasswordHash, u.Role, now = r.Now.ToUnixTimeMilliseconds() }, tx);
            if (id is { } created) await SetBranchesAsync(c, tx, created, u.BranchIds);
            return id;
        }, ct);

    public Task<UserWriteResult> UpdateAsync(UpdateUserRequest r, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            var u = r.User;
            var clash = await c.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE username = @Username AND id <> @Id", new { u.Username, u.Id }, tx);
            if (clash is not null) return UserWriteResult.UsernameTaken;
            if (u.Role != Roles.Superadmin && await IsLastSuperadminAsync(c, tx, u.Id)) return UserWriteResult.LastSuperadmin;
            var changed = await c.ExecuteAsync($"""
                UPDATE users SET username = @Username, email = @Email, first_name = @FirstName, last_name = @LastName,
                    language = @Language, active = @Active, role = @Role, password_hash = COALESCE(@PasswordHash, password_hash),
                    security_stamp = CASE WHEN @PasswordHash IS NOT NULL OR role <> @Role OR active <> @Active
                                          THEN {NewStamp} ELSE security_stamp END
                WHERE id = @Id
                """, new { u.Id, u.Username, u.Email, u.FirstName, u.LastName, u.Language, u.Active, u.Role, u.PasswordHash }, tx);
            if (changed == 0) return UserWriteResult.NotFound;
            await c.ExecuteAsync("DELETE FROM user_branches WHERE user_id = @Id", new { u.Id }, tx);
            await SetBranchesAsync(c, tx, u.Id, u.BranchIds);
            return UserWriteResult.Written;
        }, ct);

    public Task<UserWriteResult> DeleteAsync(DeleteUserRequest r, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            if (await IsLastSuperadminAsync(c, tx, r.Id)) return UserWriteResult.LastSuperadmin;
            return await c.ExecuteAsync("DELETE FROM users WHERE id = @id", new { id = r.Id }, tx) == 1 ? UserWriteResult.Written : UserWriteResult.NotFound;
        }, ct);

    /// <summary>Whether <paramref name="id"/> is the only Superadmin; read in the write transaction (BEGIN IMMEDIATE: one writer at a time), so it holds until the write commits.</summary>
    private static async Task<bool> IsLastSuperadminAsync(SqliteConnection c, SqliteTransaction tx, long id)
    {
        var (count, isOne) = await c.QuerySingleAsync<(long, long)>(
            "SELECT count(*), COALESCE(max(id = @id), 0) FROM users WHERE role = 'superadmin'", new { id }, tx);
        return isOne == 1 && count <= 1;
    }

    public async Task<long> CountAsync(CountUsersRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE @role IS NULL OR role = @role", new { role = r.Role });
    }

    public Task<long> CountInChunkAsync(CountUsersRequest r, ChunkTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE @role IS NULL OR role = @role",
            new { role = r.Role }, tx.Transaction);

    public async Task<IReadOnlyList<User>> ListAsync(ListUsersRequest r, CancellationToken ct)
    {
        var (where, args) = SqliteUserFilter.Where(r.Filter, r.ScopeBranchIds);
        args.Add("after", r.After ?? 0);
        args.Add("limit", r.Limit);
        await using var c = await db.OpenAsync(ct);
        var users = (await c.QueryAsync<User>($"SELECT {UserColumns} FROM users u WHERE u.id > @after {where} ORDER BY u.id LIMIT @limit", args)).ToList();
        return await WithBranchesAsync(c, null, users);
    }

    public async Task<IReadOnlyList<long>> SelectIdsAsync(SelectUsersRequest r, CancellationToken ct)
    {
        var (where, args) = SqliteUserFilter.Where(r.Filter, r.ScopeBranchIds);
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<long>($"SELECT u.id FROM users u WHERE 1 = 1 {where} ORDER BY u.id", args)).AsList();
    }

    public async Task<IReadOnlyDictionary<string, long>> BranchIdsByNameAsync(ChunkTransaction tx, CancellationToken ct)
    {
        var rows = await tx.Connection.QueryAsync<(string Name, long Id)>("SELECT name, id FROM branches", transaction: tx.Transaction);
        return rows.ToDictionary(r => r.Name, r => r.Id, StringComparer.OrdinalIgnoreCase);
    }

    /// <remarks>
    /// Read by hand: SQLite gives the in-scope flag as an integer, which Dapper will not pass to UserRef's
    /// bool parameter. Only four columns, because this reads every selected user of every mass action:
    /// reading whole profiles here was about half of enrolling a million users.
    /// </remarks>
    public async Task<IReadOnlyDictionary<long, UserRef>> ResolveAsync(ResolveUsersRequest r, ChunkTransaction tx, CancellationToken ct)
    {
        await using var select = (SqliteCommand)tx.Connection.CreateCommand();
        select.Transaction = (SqliteTransaction)tx.Transaction;
        select.CommandText = $"""
            SELECT u.id, u.username, u.role, {(r.ScopeBranchIds is null ? "1" : SqliteUserFilter.InScope)}
            FROM users u WHERE u.id IN (SELECT value FROM json_each(@ids))
            """;
        select.Parameters.AddWithValue("@ids", JsonIds.Of(r.Ids));
        if (r.ScopeBranchIds is { } scope) select.Parameters.AddWithValue("@scope", JsonIds.Of(scope));
        var found = new Dictionary<long, UserRef>(r.Ids.Count);
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var user = new UserRef(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3));
            found[user.Id] = user;
        }
        return found;
    }

    public async Task<IReadOnlyDictionary<long, User>> ReadManyAsync(ReadUsersRequest r, ChunkTransaction tx, CancellationToken ct)
    {
        var c = (SqliteConnection)tx.Connection;
        var t = (SqliteTransaction)tx.Transaction;
        var users = (await c.QueryAsync<User>($"SELECT {UserColumns} FROM users u WHERE u.id IN (SELECT value FROM json_each(@ids))",
            new { ids = JsonIds.Of(r.Ids) }, t)).ToList();
        return (await WithBranchesAsync(c, t, users)).ToDictionary(u => u.Id);
    }

    public Task SetActiveAsync(SetActiveRequest r, ChunkTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync($"""
            UPDATE users SET active = @active, security_stamp = CASE WHEN active <> @active THEN {NewStamp} ELSE security_stamp END
            WHERE id IN (SELECT value FROM json_each(@ids))
            """,
            new { active = r.Active, ids = JsonIds.Of(r.Ids) }, tx.Transaction);

    public Task DeleteManyAsync(DeleteUsersRequest r, ChunkTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync("DELETE FROM users WHERE id IN (SELECT value FROM json_each(@ids))",
            new { ids = JsonIds.Of(r.Ids) }, tx.Transaction);

    private static async Task SetBranchesAsync(SqliteConnection c, SqliteTransaction tx, long userId, IReadOnlyList<long> branchIds)
    {
        if (branchIds.Count == 0) return;
        await c.ExecuteAsync("INSERT OR IGNORE INTO user_branches (user_id, branch_id) SELECT @userId, value FROM json_each(@ids)",
            new { userId, ids = JsonIds.Of(branchIds) }, tx);
    }

    private static async Task<List<User>> WithBranchesAsync(SqliteConnection c, SqliteTransaction? tx, List<User> users)
    {
        if (users.Count == 0) return users;
        var links = (await c.QueryAsync<(long UserId, long BranchId)>(
            "SELECT user_id, branch_id FROM user_branches WHERE user_id IN (SELECT value FROM json_each(@ids)) ORDER BY branch_id",
            new { ids = JsonIds.Of(users.Select(u => u.Id).ToList()) }, tx)).ToLookup(l => l.UserId, l => l.BranchId);
        return users.Select(u => u with { BranchIds = [.. links[u.Id]] }).ToList();
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
            ? $"""
              DO UPDATE SET email = excluded.email,
                  first_name = COALESCE(@firstName, first_name), last_name = COALESCE(@lastName, last_name),
                  language = COALESCE(@language, language), active = COALESCE(@active, active),
                  password_hash = COALESCE(@password, password_hash),
                  security_stamp = CASE WHEN @password IS NOT NULL OR @active <> users.active THEN {NewStamp} ELSE users.security_stamp END
              WHERE users.role = 'user'
                AND (@scope IS NULL OR EXISTS (SELECT 1 FROM user_branches s WHERE s.user_id = users.id
                                                 AND s.branch_id IN (SELECT value FROM json_each(@scope))))
              """
            : "DO NOTHING";
        var sql = $"""
            INSERT INTO users (username, email, first_name, last_name, language, active, password_hash, role, created_at, security_stamp)
            VALUES (@username, @email, COALESCE(@firstName, ''), COALESCE(@lastName, ''), COALESCE(@language, 'en'),
                    COALESCE(@active, 1), @password, 'user', @now, {NewStamp})
            ON CONFLICT (username) {onConflict}
            """;
        (string, object?)[] parameters = [("@username", ""), ("@email", ""), ("@firstName", null), ("@lastName", null),
            ("@language", null), ("@active", null), ("@password", null), ("@now", r.Now.ToUnixTimeMilliseconds()),
            ("@scope", r.ScopeBranchIds is null ? null : JsonIds.Of(r.ScopeBranchIds))];
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
