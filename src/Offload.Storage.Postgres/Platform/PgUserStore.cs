using Npgsql;
using NpgsqlTypes;
using Offload.Jobs;
using Offload.Platform.Identity;
using Offload.Platform.Users;
using Offload.Storage.Postgres.Jobs;
using Offload.Storage.Sql;
using Offload.Storage.Sql.Platform;

namespace Offload.Storage.Postgres.Platform;

/// <summary>Users on PostgreSQL: the shared SQL, and PostgreSQL's own bulk import (binary COPY, an upsert when it meets existing names).</summary>
public sealed class PgUserStore(PostgresDatabase db) : SqlUserStore(db)
{
    /// <summary>
    /// A chunk of imported users. The usual chunk is all new names, and for it binary COPY is the fastest
    /// write PostgreSQL has: it fills pages many rows at a time, where the upsert statement writes row by row
    /// (server time per 2,000-row chunk 25 ms for the upsert; a 1M-row import went from 16.6 s to 10–12 s
    /// end to end on a fresh host). So the chunk is first copied straight into users under a
    /// savepoint; if any name already exists (or comes twice), the COPY fails on the unique index, is rolled
    /// back to the savepoint, and the chunk is written by <see cref="UpsertAsync"/> instead, which updates or
    /// skips existing names row by row. A re-import of existing users fails on its first row, so it wastes
    /// little; the worst chunk (new names, then an existing one at the end) costs the COPY and the upsert.
    /// </summary>
    public override async Task<IReadOnlyList<ImportWrite>> ImportAsync(ImportUsersRequest r, ChunkTransaction tx, CancellationToken ct)
    {
        var (c, t) = PgChunkTransaction.Of(tx);
        var ids = await NewIdsAsync(c, t, r.Rows.Count, ct);
        await t.SaveAsync(CopySavepoint, ct);
        try
        {
            await CopyNewAsync(c, t, r, ids, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await t.RollbackAsync(CopySavepoint, ct);
            return await UpsertAsync(c, t, r, ct);
        }
        var all = new ImportWrite[r.Rows.Count];
        for (var i = 0; i < all.Length; i++) all[i] = ImportWrite.Create(ids[i], r.Rows[i]);
        return all;
    }

    private const string CopySavepoint = "import_copy";

    /// <summary>
    /// Ids for the chunk's new users, drawn from the users' identity sequence before the COPY, which then writes them
    /// (COPY always takes an identity column's given values): how the import learns each new user's id without reading
    /// the rows back by name. A chunk that falls back to the upsert leaves its ids unused, as a rollback would.
    /// </summary>
    private static async Task<long[]> NewIdsAsync(NpgsqlConnection c, NpgsqlTransaction t, int count, CancellationToken ct)
    {
        await using var next = c.Command("SELECT nextval(pg_get_serial_sequence('users', 'id')) FROM generate_series(1, @count)", t, ("@count", count));
        var ids = new long[count];
        var i = 0;
        await using var reader = await next.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids[i++] = reader.GetInt64(0);
        return ids;
    }

    /// <summary>Copies every row in as a new plain user with its drawn id, then links the rows that name a branch.</summary>
    private static async Task CopyNewAsync(NpgsqlConnection c, NpgsqlTransaction t, ImportUsersRequest r, long[] ids, CancellationToken ct)
    {
        await using (var copy = await c.BeginBinaryImportAsync(
            "COPY users (id, username, email, first_name, last_name, language, active, password_hash, role, created_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < r.Rows.Count; i++)
            {
                var u = r.Rows[i];
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(ids[i], NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(u.Username, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(u.Email, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(u.FirstName ?? "", NpgsqlDbType.Text, ct);
                await copy.WriteAsync(u.LastName ?? "", NpgsqlDbType.Text, ct);
                await copy.WriteAsync(u.Language ?? "en", NpgsqlDbType.Text, ct);
                await copy.WriteAsync(u.Active ?? true, NpgsqlDbType.Boolean, ct);
                if (u.PasswordHash is null) await copy.WriteNullAsync(ct);
                else await copy.WriteAsync(u.PasswordHash, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(Roles.User, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(r.Now, NpgsqlDbType.TimestampTz, ct);
            }
            await copy.CompleteAsync(ct);
        }
        if (r.Rows.All(u => u.BranchId is null)) return;
        await using var link = c.Command("""
            INSERT INTO user_branches (user_id, branch_id)
            SELECT x.user_id, x.branch_id FROM unnest(@ids, @branches) AS x(user_id, branch_id)
            WHERE x.branch_id IS NOT NULL
            """, t);
        link.Parameters.Add(new NpgsqlParameter("@ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids });
        link.Parameters.Add(new NpgsqlParameter("@branches", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = r.Rows.Select(u => u.BranchId).ToArray() });
        await link.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The whole chunk in one statement, for a chunk that meets existing names: the rows travel as arrays
    /// and are unnested; existing plain users are updated when asked (absent columns kept), the rest
    /// inserted with ON CONFLICT DO NOTHING, written users linked to their branch. A name twice in one chunk
    /// is written for its first row only (one window over the chunk, not a lookup per row, which was
    /// quadratic). Every row comes back with its user's id, whether it was created, and for an update the
    /// values before it: the existing users are read and locked in the same statement, whose snapshot the
    /// update's own RETURNING (new values only) cannot give.
    /// </summary>
    private static async Task<IReadOnlyList<ImportWrite>> UpsertAsync(NpgsqlConnection c, NpgsqlTransaction t, ImportUsersRequest r, CancellationToken ct)
    {
        const string sql = """
            WITH import_rows AS (
                SELECT t.*, row_number() OVER (PARTITION BY lower(t.username) ORDER BY t.ord) = 1 AS first
                FROM unnest(@usernames, @emails, @firsts, @lasts, @languages, @actives, @passwords, @branches)
                    WITH ORDINALITY AS t(username, email, first_name, last_name, language, active, password_hash, branch_id, ord)),
            before AS (
                SELECT u.id, lower(u.username) AS key, u.username, u.email, u.first_name, u.last_name, u.language, u.active, u.password_hash
                FROM users u JOIN import_rows i ON lower(u.username) = lower(i.username) AND i.first
                WHERE @update AND u.role = 'user'
                  AND (@scope::bigint[] IS NULL OR EXISTS (SELECT 1 FROM user_branches s WHERE s.user_id = u.id AND s.branch_id = ANY(@scope)))
                FOR UPDATE OF u),
            updated AS (
                UPDATE users SET email = i.email,
                    first_name = COALESCE(i.first_name, users.first_name), last_name = COALESCE(i.last_name, users.last_name),
                    language = COALESCE(i.language, users.language), active = COALESCE(i.active, users.active),
                    password_hash = COALESCE(i.password_hash, users.password_hash),
                    security_stamp = CASE WHEN i.password_hash IS NOT NULL OR i.active <> users.active
                                          THEN gen_random_uuid()::text ELSE users.security_stamp END
                FROM before b JOIN import_rows i ON lower(i.username) = b.key AND i.first
                WHERE users.id = b.id
                RETURNING users.id, b.key, false AS created),
            inserted AS (
                INSERT INTO users (username, email, first_name, last_name, language, active, password_hash, role, created_at)
                SELECT username, email, COALESCE(first_name, ''), COALESCE(last_name, ''), COALESCE(language, 'en'),
                       COALESCE(active, true), password_hash, 'user', @now
                FROM import_rows WHERE first
                ON CONFLICT (lower(username)) DO NOTHING
                RETURNING id, lower(username) AS key, true AS created),
            written AS (SELECT * FROM updated UNION ALL SELECT * FROM inserted),
            linked AS (
                INSERT INTO user_branches (user_id, branch_id)
                SELECT w.id, i.branch_id FROM written w JOIN import_rows i ON lower(i.username) = w.key AND i.first
                WHERE i.branch_id IS NOT NULL
                ON CONFLICT DO NOTHING
                RETURNING user_id)
            SELECT i.ord::int - 1, w.id, w.created, l.user_id IS NOT NULL,
                   b.username, b.email, b.first_name, b.last_name, b.language, b.active, b.password_hash
            FROM import_rows i
            JOIN written w ON w.key = lower(i.username) AND i.first
            LEFT JOIN before b ON b.id = w.id AND NOT w.created
            LEFT JOIN linked l ON l.user_id = w.id
            """;
        await using var command = c.Command(sql, t, ("@now", r.Now.ToUniversalTime()), ("@update", r.UpdateExisting));
        var rows = r.Rows;
        command.Parameters.Add(Texts("@usernames", rows.Select(u => u.Username)));
        command.Parameters.Add(Texts("@emails", rows.Select(u => u.Email)));
        command.Parameters.Add(Texts("@firsts", rows.Select(u => u.FirstName)));
        command.Parameters.Add(Texts("@lasts", rows.Select(u => u.LastName)));
        command.Parameters.Add(Texts("@languages", rows.Select(u => u.Language)));
        command.Parameters.Add(new NpgsqlParameter("@actives", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = rows.Select(u => u.Active).ToArray() });
        command.Parameters.Add(Texts("@passwords", rows.Select(u => u.PasswordHash)));
        command.Parameters.Add(new NpgsqlParameter("@branches", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(u => u.BranchId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("@scope", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = (object?)r.ScopeBranchIds?.ToArray() ?? DBNull.Value });
        var written = new ImportWrite[r.Rows.Count];
        Array.Fill(written, ImportWrite.Refused);
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var (i, id) = (reader.GetInt32(0), reader.GetInt64(1));
                written[i] = reader.GetBoolean(2) ? ImportWrite.Create(id, rows[i])
                    : ImportWrite.Update(id, ReadImportable(reader, 4), rows[i], reader.GetBoolean(3));
            }
        return written;
    }

    private static NpgsqlParameter Texts(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };
}
