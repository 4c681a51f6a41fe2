using Offload.Platform.Users.Import;

namespace Offload.Storage.Sql.Platform;

/// <summary>
/// Existing usernames for an import preview: the batch travels as one list parameter and is matched on the username
/// the way the unique index compares (<see cref="SqlDialect.SameText"/>), so the lookup uses that index.
/// </summary>
public class SqlExistingUsernames(SqlDatabase db) : IExistingUsernames
{
    private readonly SqlUserFilter _filter = new(db.Dialect);

    /// <summary>The FROM clause pairing each asked name (<c>x.value</c>) with its account (<c>u</c>).</summary>
    protected virtual string Match => $"{db.Dialect.Rows("@names", "x")} JOIN users u ON {db.Dialect.SameText("u.username", "x.value")}";

    public async Task<IReadOnlyList<ExistingAccount>> FindAsync(ExistingUsernamesRequest r, CancellationToken ct)
    {
        if (r.Usernames.Count == 0) return [];
        await using var c = await db.ConnectAsync(ct);
        var inScope = r.ScopeBranchIds is null ? db.Dialect.True : _filter.InScope;
        (string, object?)[] args = r.ScopeBranchIds is { } scope
            ? [("@names", db.Dialect.Texts(r.Usernames)), ("@scope", db.Dialect.Ids(scope))]
            : [("@names", db.Dialect.Texts(r.Usernames))];
        await using var select = c.Command($"SELECT x.value, u.role, {inScope} FROM {Match}", null, args);
        var found = new List<ExistingAccount>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(new ExistingAccount(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
        return found;
    }
}
