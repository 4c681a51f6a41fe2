using System.Data.Common;
using Offload.Jobs.Audit;

namespace Offload.Storage.Sql.Jobs;

/// <summary>The audit trail read newest first and purged by age, one SQL for both databases.</summary>
public sealed class SqlAuditTrail(SqlDatabase db) : IAuditTrail
{
    private const string Columns = """
        a.id, a.at, a.actor_id, a.actor_name, a.action, a.job_id, a.owner_id, a.owner_name, a.new_job_id,
        EXISTS (SELECT 1 FROM jobs j WHERE j.id = a.job_id)
        """;

    private readonly SqlDialect _d = db.Dialect;

    // Oldest first by id (ids grow with time), a batch at a time so a long backlog never holds the writer for long.
    private const string PurgeSql = """
        DELETE FROM job_audit WHERE id IN (SELECT id FROM job_audit WHERE at < @before ORDER BY id LIMIT @max)
        """;

    public async Task<AuditPage> ListAsync(ListAuditRequest r, CancellationToken ct)
    {
        // Only the filters given, each with its parameter: PostgreSQL prepares one statement per shape.
        var where = new List<string>();
        var args = new List<(string, object?)> { ("@limit", r.Limit + 1) };
        if (r.Actor is { } actor) Filter(_d.SameText("a.actor_name", "@actor"), ("@actor", actor));
        if (r.Action is { } action) Filter("a.action = @action", ("@action", action));
        if (r.Before is { } before) Filter("a.id < @before", ("@before", before));
        var sql = $"SELECT {Columns} FROM job_audit a {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY a.id DESC LIMIT @limit";
        await using var c = await db.ConnectAsync(ct);
        await using var list = c.Command(sql, null, [.. args]);
        var items = new List<AuditEntry>(r.Limit + 1);
        await using (var reader = await list.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) items.Add(Read(reader));
        if (items.Count <= r.Limit) return new AuditPage(items, null);
        items.RemoveRange(r.Limit, items.Count - r.Limit);
        return new AuditPage(items, items[^1].Id);

        void Filter(string condition, (string, object?) arg)
        {
            where.Add(condition);
            args.Add(arg);
        }
    }

    public Task<int> PurgeAsync(PurgeAuditRequest r, CancellationToken ct) =>
        db.InStatementAsync(async c =>
        {
            await using var purge = c.Command(PurgeSql, null, ("@before", _d.Time(r.OlderThan)), ("@max", r.Max));
            return await purge.ExecuteNonQueryAsync(ct);
        }, ct);

    private AuditEntry Read(DbDataReader r) => new(
        r.GetInt64(0), _d.ReadTime(r, 1), new AuditUser(r.GetInt64(2), r.GetString(3)), r.GetString(4), _d.ReadKey(r, 5),
        new AuditUser(r.GetInt64(6), r.GetString(7)), r.IsDBNull(8) ? null : _d.ReadKey(r, 8), r.GetBoolean(9));
}
