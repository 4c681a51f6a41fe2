using System.Data.Common;
using Dapper;
using Offload.Jobs;
using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Storage.Sql.Platform;

/// <summary>
/// Users, written once for both databases; id lists travel as one parameter (<see cref="SqlDialect.InIds"/>). The
/// bulk import is each database's own (<see cref="ImportAsync"/>).
/// </summary>
public abstract class SqlUserStore(SqlDatabase db) : IUserStore
{
    private const string UserColumns = """
        u.id AS Id, u.username AS Username, u.email AS Email, u.first_name AS FirstName, u.last_name AS LastName,
        u.language AS Language, u.active AS Active, u.role AS Role, u.password_hash AS PasswordHash, u.security_stamp AS SecurityStamp
        """;

    private readonly SqlDialect _d = db.Dialect;
    private readonly SqlUserFilter _filter = new(db.Dialect);

    public async Task<User?> FindByUsernameAsync(FindUserRequest r, CancellationToken ct) =>
        await ReadOneAsync($"SELECT {UserColumns} FROM users u WHERE {_d.SameText("u.username", "@username")}", new { username = r.Username }, ct);

    public async Task<User?> GetAsync(GetUserRequest r, CancellationToken ct) =>
        await ReadOneAsync($"SELECT {UserColumns} FROM users u WHERE u.id = @id", new { id = r.Id }, ct);

    private async Task<User?> ReadOneAsync(string sql, object args, CancellationToken ct)
    {
        await using var c = await db.ConnectAsync(ct);
        var user = await c.QuerySingleOrDefaultAsync<User>(sql, args);
        return user is null ? null : (await WithBranchesAsync(c, null, [user]))[0];
    }

    public Task<long?> CreateAsync(CreateUserRequest r, CancellationToken ct) =>
        db.InWriteAsync(async (c, tx) =>
        {
            var u = r.User;
            // No conflict target: the unique index on the username (in any case) is the one a new row can meet.
            var id = await c.ExecuteScalarAsync<long?>($"""
                INSERT INTO users (username, email, first_name, last_name, language, active, password_hash, role, created_at, security_stamp)
                VALUES (@Username, @Email, @FirstName, @LastName, @Language, @Active, @PasswordHash, @Role, @now, {_d.NewStamp})
                ON CONFLICT DO NOTHING
                RETURNING id
                """, new { u.Username, u.Email, u.FirstName, u.LastName, u.Language, u.Active, u.PasswordHash, u.Role, now = _d.Time(r.Now) }, tx);
            if (id is { } created) await SetBranchesAsync(c, tx, created, u.BranchIds);
            return id;
        }, ct);

    public Task<UserWriteResult> UpdateAsync(UpdateUserRequest r, CancellationToken ct) =>
        db.InWriteAsync(async (c, tx) =>
        {
            var u = r.User;
            var clash = await c.ExecuteScalarAsync<long?>($"SELECT id FROM users WHERE {_d.SameText("username", "@Username")} AND id <> @Id", new { u.Username, u.Id }, tx);
            if (clash is not null) return UserWriteResult.UsernameTaken;
            if (u.Role != Roles.Superadmin && await IsLastSuperadminAsync(c, tx, u.Id)) return UserWriteResult.LastSuperadmin;
            var changed = await c.ExecuteAsync($"""
                UPDATE users SET username = @Username, email = @Email, first_name = @FirstName, last_name = @LastName,
                    language = @Language, active = @Active, role = @Role, password_hash = COALESCE(@PasswordHash, password_hash),
                    security_stamp = CASE WHEN {_d.TextOrNull("@PasswordHash")} IS NOT NULL OR role <> @Role OR active <> @Active
                                          THEN {_d.NewStamp} ELSE security_stamp END
                WHERE id = @Id
                """, new { u.Id, u.Username, u.Email, u.FirstName, u.LastName, u.Language, u.Active, u.Role, u.PasswordHash }, tx);
            if (changed == 0) return UserWriteResult.NotFound;
            await c.ExecuteAsync("DELETE FROM user_branches WHERE user_id = @Id", new { u.Id }, tx);
            await SetBranchesAsync(c, tx, u.Id, u.BranchIds);
            return UserWriteResult.Written;
        }, ct);

    public Task<UserWriteResult> DeleteAsync(DeleteUserRequest r, CancellationToken ct) =>
        db.InWriteAsync(async (c, tx) =>
        {
            if (await IsLastSuperadminAsync(c, tx, r.Id)) return UserWriteResult.LastSuperadmin;
            return await c.ExecuteAsync("DELETE FROM users WHERE id = @id", new { id = r.Id }, tx) == 1 ? UserWriteResult.Written : UserWriteResult.NotFound;
        }, ct);

    /// <summary>
    /// Whether <paramref name="id"/> is the only Superadmin. On PostgreSQL every Superadmin row is locked first, in id
    /// order, until the transaction ends: under READ COMMITTED two Superadmins removing each other would otherwise each
    /// see the other and both go; the second waits, then counts what the first left. SQLite's write transaction
    /// (BEGIN IMMEDIATE, one writer at a time) already holds the read until the write commits.
    /// </summary>
    private async Task<bool> IsLastSuperadminAsync(DbConnection c, DbTransaction tx, long id)
    {
        var (count, mine) = await c.QuerySingleAsync<(long, long)>($"""
            SELECT count(*), count(*) FILTER (WHERE id = @id)
            FROM (SELECT id FROM users WHERE role = 'superadmin' ORDER BY id {_d.ForUpdate}) s
            """, new { id }, tx);
        return mine == 1 && count <= 1;
    }

    public async Task<long> CountAsync(CountUsersRequest r, CancellationToken ct)
    {
        await using var c = await db.ConnectAsync(ct);
        return await c.ExecuteScalarAsync<long>($"SELECT count(*) FROM users WHERE {_d.TextOrNull("@role")} IS NULL OR role = @role", new { role = r.Role });
    }

    public Task<long> CountInChunkAsync(CountUsersRequest r, ChunkTransaction tx, CancellationToken ct) =>
        // With a role, the rows are locked as IsLastSuperadminAsync locks them (same order): the count holds until the chunk commits.
        tx.Connection.ExecuteScalarAsync<long>(r.Role is null ? "SELECT count(*) FROM users"
                : $"SELECT count(*) FROM (SELECT id FROM users WHERE role = @role ORDER BY id {_d.ForUpdate}) s",
            new { role = r.Role }, tx.Transaction);

    public async Task<IReadOnlyList<User>> ListAsync(ListUsersRequest r, CancellationToken ct)
    {
        var (where, args) = _filter.Where(r.Filter, r.ScopeBranchIds);
        args.Add("after", r.After ?? 0);
        args.Add("limit", r.Limit);
        await using var c = await db.ConnectAsync(ct);
        var users = (await c.QueryAsync<User>($"SELECT {UserColumns} FROM users u WHERE u.id > @after {where} ORDER BY u.id LIMIT @limit", args)).ToList();
        return await WithBranchesAsync(c, null, users);
    }

    public async Task<IReadOnlyList<long>> SelectIdsAsync(SelectUsersRequest r, CancellationToken ct)
    {
        var (where, args) = _filter.Where(r.Filter, r.ScopeBranchIds);
        await using var c = await db.ConnectAsync(ct);
        return (await c.QueryAsync<long>($"SELECT u.id FROM users u WHERE {_d.True} {where} ORDER BY u.id", args)).AsList();
    }

    public async Task<IReadOnlyDictionary<string, long>> BranchIdsByNameAsync(ChunkTransaction tx, CancellationToken ct)
    {
        var rows = await tx.Connection.QueryAsync<(string Name, long Id)>("SELECT name, id FROM branches", transaction: tx.Transaction);
        return rows.ToDictionary(r => r.Name, r => r.Id, StringComparer.OrdinalIgnoreCase);
    }

    public abstract Task<IReadOnlyList<ImportWrite>> ImportAsync(ImportUsersRequest request, ChunkTransaction tx, CancellationToken ct);

    /// <summary>The columns <see cref="ReadImportable"/> reads, in its order.</summary>
    protected const string ImportableColumns = "username, email, first_name, last_name, language, active, password_hash";

    /// <summary>A user's <see cref="ImportableColumns"/> from <paramref name="at"/> on (SQLite's active is an integer: read by hand).</summary>
    protected static ImportableValues ReadImportable(DbDataReader reader, int at = 0) =>
        new(reader.GetString(at), reader.GetString(at + 1), reader.GetString(at + 2), reader.GetString(at + 3), reader.GetString(at + 4),
            reader.GetBoolean(at + 5), reader.IsDBNull(at + 6) ? null : reader.GetString(at + 6));

    /// <remarks>
    /// Reads the users first (locked on PostgreSQL until the chunk ends, so nobody edits them between the check and
    /// the write), decides in memory, latest item first (an item's state is what the later items' reverts left), then
    /// writes: one statement per restored user (an undo of updates; each a prepared statement), one for all deletions.
    /// </remarks>
    public async Task<IReadOnlyList<ImportRevertSkip>> RevertImportAsync(RevertImportRequest r, ChunkTransaction tx, CancellationToken ct)
    {
        var ids = r.Items.Where(i => i.Written).Select(i => i.UserId).Distinct().ToList();
        var skipped = new List<ImportRevertSkip>();
        if (ids.Count == 0) return skipped;
        var (users, links) = await ReadForRevertAsync(ids, tx, ct);
        var restores = new List<ImportWrite>();
        var deletes = new List<long>();
        for (var i = r.Items.Count - 1; i >= 0; i--)
        {
            var item = r.Items[i];
            if (!item.Written) continue;
            if (!users.TryGetValue(item.UserId, out var now))
            {
                skipped.Add(new ImportRevertSkip(i, ImportRevertSkipReason.DeletedSince));
                continue;
            }
            var inBranch = item.BranchId is { } b && links.Contains((item.UserId, b));
            if (now is null || now.Fingerprint(inBranch) != item.After)
            {
                skipped.Add(new ImportRevertSkip(i, ImportRevertSkipReason.ChangedSince));
                continue;
            }
            if (item.Outcome == ImportWriteOutcome.Created)
            {
                users.Remove(item.UserId);
                deletes.Add(item.UserId);
                continue;
            }
            users[item.UserId] = item.Before!;
            if (item.BranchAdded) links.Remove((item.UserId, item.BranchId!.Value));
            restores.Add(item);
        }
        await RestoreAsync(restores, tx, ct);
        if (deletes.Count > 0)
            await tx.Connection.ExecuteAsync($"DELETE FROM users WHERE id {_d.InIds("@ids")}", new { ids = _d.Ids(deletes) }, tx.Transaction);
        skipped.Reverse();
        return skipped;
    }

    /// <summary>The users' importable values (null for one no longer a plain user: changed since) and their branch memberships.</summary>
    private async Task<(Dictionary<long, ImportableValues?> Users, HashSet<(long, long)> Links)> ReadForRevertAsync(
        List<long> ids, ChunkTransaction tx, CancellationToken ct)
    {
        var users = new Dictionary<long, ImportableValues?>(ids.Count);
        var links = new HashSet<(long, long)>();
        await using (var select = tx.Connection.Command(
            $"SELECT id, role, {ImportableColumns} FROM users WHERE id {_d.InIds("@ids")} ORDER BY id {_d.ForUpdate}", tx.Transaction, ("@ids", _d.Ids(ids))))
        await using (var reader = await select.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                users[reader.GetInt64(0)] = reader.GetString(1) == Roles.User ? ReadImportable(reader, 2) : null;
        await using (var select = tx.Connection.Command(
            $"SELECT user_id, branch_id FROM user_branches WHERE user_id {_d.InIds("@ids")}", tx.Transaction, ("@ids", _d.Ids(ids))))
        await using (var reader = await select.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                links.Add((reader.GetInt64(0), reader.GetInt64(1)));
        return (users, links);
    }

    /// <summary>Sets updated users' earlier values back; a new security stamp when the password or the status goes back (sessions of the imported one end).</summary>
    private async Task RestoreAsync(List<ImportWrite> restores, ChunkTransaction tx, CancellationToken ct)
    {
        if (restores.Count == 0) return;
        await using var restore = tx.Connection.Command($"""
            UPDATE users SET email = @email, first_name = @first, last_name = @last, language = @language, active = @active,
                password_hash = @password,
                security_stamp = CASE WHEN active <> @active OR COALESCE(password_hash, '') <> COALESCE({_d.TextOrNull("@password")}, '')
                                      THEN {_d.NewStamp} ELSE security_stamp END
            WHERE id = @id
            """, tx.Transaction, ("@id", 0L), ("@email", ""), ("@first", ""), ("@last", ""), ("@language", ""), ("@active", false), ("@password", null));
        await using var unlink = tx.Connection.Command("DELETE FROM user_branches WHERE user_id = @id AND branch_id = @branch", tx.Transaction,
            ("@id", 0L), ("@branch", 0L));
        foreach (var item in restores)
        {
            var before = item.Before!;
            var p = restore.Parameters;
            p["@id"].Value = item.UserId;
            p["@email"].Value = before.Email;
            p["@first"].Value = before.FirstName;
            p["@last"].Value = before.LastName;
            p["@language"].Value = before.Language;
            p["@active"].Value = before.Active;
            p["@password"].Value = (object?)before.PasswordHash ?? DBNull.Value;
            await restore.ExecuteNonQueryAsync(ct);
            if (!item.BranchAdded) continue;
            unlink.Parameters["@id"].Value = item.UserId;
            unlink.Parameters["@branch"].Value = item.BranchId!.Value;
            await unlink.ExecuteNonQueryAsync(ct);
        }
    }

    /// <remarks>
    /// Read by hand: SQLite gives the in-scope flag as an integer, which Dapper will not pass to UserRef's
    /// bool parameter. Only four columns, because this reads every selected user of every mass action:
    /// reading whole profiles here was about half of enrolling a million users.
    /// </remarks>
    public async Task<IReadOnlyDictionary<long, UserRef>> ResolveAsync(ResolveUsersRequest r, ChunkTransaction tx, CancellationToken ct)
    {
        (string, object?)[] args = r.ScopeBranchIds is { } scope ? [("@ids", _d.Ids(r.Ids)), ("@scope", _d.Ids(scope))] : [("@ids", _d.Ids(r.Ids))];
        await using var select = tx.Connection.Command(r.ScopeBranchIds is null ? _resolve : _resolveInScope, tx.Transaction, args);
        var found = new Dictionary<long, UserRef>(r.Ids.Count);
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var user = new UserRef(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3));
            found[user.Id] = user;
        }
        return found;
    }

    private readonly string _resolve = ResolveSql(db.Dialect, db.Dialect.True);
    private readonly string _resolveInScope = ResolveSql(db.Dialect, new SqlUserFilter(db.Dialect).InScope);

    private static string ResolveSql(SqlDialect d, string inScope) => $"SELECT u.id, u.username, u.role, {inScope} FROM users u WHERE u.id {d.InIds("@ids")}";

    public async Task<IReadOnlyDictionary<long, User>> ReadManyAsync(ReadUsersRequest r, ChunkTransaction tx, CancellationToken ct)
    {
        var users = (await tx.Connection.QueryAsync<User>($"SELECT {UserColumns} FROM users u WHERE u.id {_d.InIds("@ids")}",
            new { ids = _d.Ids(r.Ids) }, tx.Transaction)).ToList();
        return (await WithBranchesAsync(tx.Connection, tx.Transaction, users)).ToDictionary(u => u.Id);
    }

    public async Task<IReadOnlyList<long>> SetActiveAsync(SetActiveRequest r, ChunkTransaction tx, CancellationToken ct)
    {
        await using var update = tx.Connection.Command(_setActive, tx.Transaction, ("@active", r.Active), ("@ids", _d.Ids(r.Ids)));
        var flipped = new List<long>(r.Ids.Count);
        await using var reader = await update.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) flipped.Add(reader.GetInt64(0));
        return flipped;
    }

    // Only the rows whose flag moves: the ones a job changed, and the only ones whose sessions must end (new stamp).
    private readonly string _setActive = $"""
        UPDATE users SET active = @active, security_stamp = {db.Dialect.NewStamp}
        WHERE id {db.Dialect.InIds("@ids")} AND active <> @active
        RETURNING id
        """;

    public Task DeleteManyAsync(DeleteUsersRequest r, ChunkTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync($"DELETE FROM users WHERE id {_d.InIds("@ids")}", new { ids = _d.Ids(r.Ids) }, tx.Transaction);

    private async Task SetBranchesAsync(DbConnection c, DbTransaction tx, long userId, IReadOnlyList<long> branchIds)
    {
        if (branchIds.Count == 0) return;
        // WHERE true: SQLite reads ON after a bare FROM as a join's condition.
        await c.ExecuteAsync($"""
            INSERT INTO user_branches (user_id, branch_id) SELECT @userId, b.value FROM {_d.Rows("@ids", "b")} WHERE true
            ON CONFLICT DO NOTHING
            """, new { userId, ids = _d.Ids(branchIds) }, tx);
    }

    private async Task<List<User>> WithBranchesAsync(DbConnection c, DbTransaction? tx, List<User> users)
    {
        if (users.Count == 0) return users;
        var links = (await c.QueryAsync<(long UserId, long BranchId)>(
            $"SELECT user_id, branch_id FROM user_branches WHERE user_id {_d.InIds("@ids")} ORDER BY branch_id",
            new { ids = _d.Ids(users.Select(u => u.Id).ToList()) }, tx)).ToLookup(l => l.UserId, l => l.BranchId);
        return users.Select(u => u with { BranchIds = [.. links[u.Id]] }).ToList();
    }
}
