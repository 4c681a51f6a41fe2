using System.Text.Json;
using Microsoft.Data.Sqlite;
using Offload.Platform.Users.Import;

namespace Offload.Storage.Sqlite.Platform;

/// <summary>
/// Existing usernames on SQLite: the batch travels as one JSON array and is joined to users on the username
/// column, whose NOCASE collation (the unique index's) decides the match, so the lookup uses that index.
/// </summary>
public sealed class SqliteExistingUsernames(SqliteDatabase db) : IExistingUsernames
{
    public async Task<IReadOnlyList<ExistingAccount>> FindAsync(ExistingUsernamesRequest r, CancellationToken ct)
    {
        if (r.Usernames.Count == 0) return [];
        await using var c = await db.OpenAsync(ct);
        await using var select = c.CreateCommand();
        var inScope = r.ScopeBranchIds is null ? "1" : SqliteUserFilter.InScope;
        select.CommandText = $"SELECT j.value, u.role, {inScope} FROM json_each(@names) j JOIN users u ON u.username = j.value";
        select.Parameters.AddWithValue("@names", JsonSerializer.Serialize(r.Usernames));
        if (r.ScopeBranchIds is { } scope) select.Parameters.AddWithValue("@scope", JsonIds.Of(scope));
        var found = new List<ExistingAccount>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(new ExistingAccount(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
        return found;
    }
}
