using Microsoft.Data.Sqlite;
using Offload.Jobs;
using Offload.Platform.Users;
using Offload.Storage.Sql;
using Offload.Storage.Sql.Platform;
using Offload.Storage.Sqlite.Jobs;

namespace Offload.Storage.Sqlite.Platform;

/// <summary>Users on SQLite: the shared SQL, and SQLite's own bulk import.</summary>
public sealed class SqliteUserStore(SqliteDatabase db) : SqlUserStore(db)
{
    private static readonly string Stamp = SqliteDialect.Instance.NewStamp;

    /// <summary>
    /// One prepared statement reused for every row of the chunk: on SQLite (in-process, no round trip)
    /// that is the bulk path, and it runs synchronously because Microsoft.Data.Sqlite's async methods
    /// only wrap the same synchronous calls in tasks. Only plain users are ever updated by an import,
    /// never an administrator.
    /// </summary>
    public override Task<IReadOnlyList<bool>> ImportAsync(ImportUsersRequest r, ChunkTransaction tx, CancellationToken ct)
    {
        var (c, t) = SqliteChunkTransaction.Of(tx);
        var onConflict = r.UpdateExisting
            ? $"""
              DO UPDATE SET email = excluded.email,
                  first_name = COALESCE(@firstName, first_name), last_name = COALESCE(@lastName, last_name),
                  language = COALESCE(@language, language), active = COALESCE(@active, active),
                  password_hash = COALESCE(@password, password_hash),
                  security_stamp = CASE WHEN @password IS NOT NULL OR @active <> users.active THEN {Stamp} ELSE users.security_stamp END
              WHERE users.role = 'user'
                AND (@scope IS NULL OR EXISTS (SELECT 1 FROM user_branches s WHERE s.user_id = users.id
                                                 AND s.branch_id IN (SELECT value FROM json_each(@scope))))
              """
            : "DO NOTHING";
        var sql = $"""
            INSERT INTO users (username, email, first_name, last_name, language, active, password_hash, role, created_at, security_stamp)
            VALUES (@username, @email, COALESCE(@firstName, ''), COALESCE(@lastName, ''), COALESCE(@language, 'en'),
                    COALESCE(@active, 1), @password, 'user', @now, {Stamp})
            ON CONFLICT (username) {onConflict}
            """;
        (string, object?)[] parameters = [("@username", ""), ("@email", ""), ("@firstName", null), ("@lastName", null),
            ("@language", null), ("@active", null), ("@password", null), ("@now", r.Now.ToUnixTimeMilliseconds()),
            ("@scope", r.ScopeBranchIds is null ? null : SqliteDialect.Instance.Ids(r.ScopeBranchIds))];
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
