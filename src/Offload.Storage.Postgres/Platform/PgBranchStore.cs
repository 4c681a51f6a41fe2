using Dapper;
using Offload.Platform.Branches;

namespace Offload.Storage.Postgres.Platform;

public sealed class PgBranchStore(PostgresDatabase db) : IBranchStore
{
    public async Task<IReadOnlyList<Branch>> ListAsync(ListBranchesRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<(long Id, string Name, long? ParentId)>(
                "SELECT id, name, parent_id FROM branches WHERE @all OR id = ANY(@ids) ORDER BY name",
                new { all = r.Ids is null, ids = r.Ids?.ToArray() ?? [] }))
            .Select(b => new Branch(b.Id, b.Name, b.ParentId)).ToList();
    }

    public Task<Branch?> CreateAsync(CreateBranchRequest r, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long?>(
                "INSERT INTO branches (name, parent_id) VALUES (@Name, @ParentId) ON CONFLICT (lower(name)) DO NOTHING RETURNING id", r, tx);
            return id is { } created ? new Branch(created, r.Name, r.ParentId) : null;
        }, ct);
}
