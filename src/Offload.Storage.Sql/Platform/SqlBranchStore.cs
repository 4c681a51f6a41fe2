using Dapper;
using Offload.Platform.Branches;

namespace Offload.Storage.Sql.Platform;

/// <summary>Branches, on either database: names are unique in any case (the unique index decides, so no conflict target is named).</summary>
public sealed class SqlBranchStore(SqlDatabase db) : IBranchStore
{
    private const string All = "SELECT id, name, parent_id FROM branches ORDER BY name";

    // A statement of its own for ids, not "@all OR id IN …": the OR on a parameter keeps SQLite off the primary key.
    private readonly string _some = $"SELECT id, name, parent_id FROM branches WHERE id {db.Dialect.InIds("@ids")} ORDER BY name";

    public async Task<IReadOnlyList<Branch>> ListAsync(ListBranchesRequest r, CancellationToken ct)
    {
        await using var c = await db.ConnectAsync(ct);
        return (await c.QueryAsync<(long Id, string Name, long? ParentId)>(r.Ids is null ? All : _some, new { ids = db.Dialect.Ids(r.Ids ?? []) }))
            .Select(b => new Branch(b.Id, b.Name, b.ParentId)).ToList();
    }

    public Task<Branch?> CreateAsync(CreateBranchRequest r, CancellationToken ct) =>
        db.InWriteAsync(async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long?>(
                "INSERT INTO branches (name, parent_id) VALUES (@Name, @ParentId) ON CONFLICT DO NOTHING RETURNING id", r, tx);
            return id is { } created ? new Branch(created, r.Name, r.ParentId) : null;
        }, ct);
}
