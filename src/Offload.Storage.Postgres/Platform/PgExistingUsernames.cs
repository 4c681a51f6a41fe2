using Npgsql;
using NpgsqlTypes;
using Offload.Platform.Users.Import;

namespace Offload.Storage.Postgres.Platform;

/// <summary>
/// Existing usernames on PostgreSQL: the batch travels as one text array, unnested and joined on
/// lower(username), the expression of the unique index, so the match is the index's and uses it.
/// </summary>
public sealed class PgExistingUsernames(PostgresDatabase db) : IExistingUsernames
{
    public async Task<IReadOnlyList<ExistingAccount>> FindAsync(ExistingUsernamesRequest r, CancellationToken ct)
    {
        if (r.Usernames.Count == 0) return [];
        await using var c = await db.OpenAsync(ct);
        var inScope = r.ScopeBranchIds is null
            ? "true"
            : "EXISTS (SELECT 1 FROM user_branches s WHERE s.user_id = u.id AND s.branch_id = ANY(@scope))";
        await using var select = new NpgsqlCommand(
            $"SELECT x.name, u.role, {inScope} FROM unnest(@names) AS x(name) JOIN users u ON lower(u.username) = lower(x.name)", c);
        select.Parameters.Add(new NpgsqlParameter("@names", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = r.Usernames.ToArray() });
        if (r.ScopeBranchIds is { } scope)
            select.Parameters.Add(new NpgsqlParameter("@scope", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = scope.ToArray() });
        var found = new List<ExistingAccount>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(new ExistingAccount(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
        return found;
    }
}
