using Npgsql;
using NpgsqlTypes;
using Offload.Platform.Users.Import;

namespace Offload.Storage.Postgres.Platform;

/// <summary>
/// Existing usernames on PostgreSQL: the batch travels as one text array, each name looked up on lower(username),
/// the expression of the unique index, so the match is the index's and uses it.
/// </summary>
public sealed class PgExistingUsernames(PostgresDatabase db) : IExistingUsernames
{
    public async Task<IReadOnlyList<ExistingAccount>> FindAsync(ExistingUsernamesRequest r, CancellationToken ct)
    {
        if (r.Usernames.Count == 0) return [];
        await using var c = await db.OpenAsync(ct);
        var inScope = r.ScopeBranchIds is null ? "true" : PgUserFilter.InScope;
        // One index probe per name, forced: the planner knows the array's 20,000 names and, once users holds a million
        // rows, prefers hashing the whole table per batch (~400 ms a batch, 20 s a million-row preview). LIMIT 1 (the
        // index is unique, so it changes nothing) keeps the lateral subquery from being flattened back into that join.
        await using var select = new NpgsqlCommand(
            $"""
             SELECT x.name, u.role, {inScope} FROM unnest(@names) AS x(name)
             CROSS JOIN LATERAL (SELECT id, role FROM users WHERE lower(username) = lower(x.name) LIMIT 1) u
             """, c);
        select.Parameters.Add(new NpgsqlParameter("@names", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = r.Usernames.ToArray() });
        if (r.ScopeBranchIds is { } scope)
            select.Parameters.Add(new NpgsqlParameter("@scope", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = scope.ToArray() });
        var found = new List<ExistingAccount>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(new ExistingAccount(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
        return found;
    }
}
