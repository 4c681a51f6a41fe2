using Dapper;
using Offload.Platform.Branches;

namespace Offload.Storage.Sqlite.Platform;

public sealed class SqliteBranchStore(SqliteDatabase db) : IBranchStore
{
    public async Task<IReadOnlyList<Branch>> ListAsync(ListBranchesRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var sql = r.Ids is null
            ? "SELECT id, name, parent_id FROM branches ORDER BY name"
            : "SELECT id, name, parent_id FROM branches WHERE id IN (SELECT value FROM json_each(@ids)) ORDER BY name";
        return (await c.QueryAsync<(long Id, string Name, long? ParentId)>(sql, new { ids = JsonIds.Of(r.Ids ?? []) }))
            .Select(b => new Branch(b.Id, b.Name, b.ParentId)).ToList();
    }

    public Task<Branch?> CreateAsync(CreateBranchRequest r, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long?>(
                "INSERT INTO branches (name, parent_id) VALUES (@Name, @ParentId) ON CONFLICT (name) DO NOTHING RETURNING id", r, tx);
            return id is { } created ? new Branch(created, r.Name, r.ParentId) : null;
        }, ct);
}
