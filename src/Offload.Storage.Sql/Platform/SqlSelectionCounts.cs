using System.Data.Common;
using Dapper;
using Offload.Platform.MassActions;

namespace Offload.Storage.Sql.Platform;

/// <summary>Selection counts: set-based statements, never ids loaded; explicit ids travel as one list parameter.</summary>
public class SqlSelectionCounts(SqlDatabase db) : ISelectionCounts
{
    private readonly SqlDialect _d = db.Dialect;
    private readonly SqlUserFilter _filter = new(db.Dialect);

    public async Task<long> CountMatchingAsync(CountMatchingRequest r, CancellationToken ct)
    {
        var (where, args) = _filter.Where(r.Filter, r.ScopeBranchIds);
        await using var c = await db.ConnectAsync(ct);
        return await c.ExecuteScalarAsync<long>($"SELECT count(*) FROM users u WHERE {_d.True} {where}", args);
    }

    public Task<SelectionCounts> CountIdsAsync(CountIdsRequest r, CancellationToken ct)
    {
        var args = new DynamicParameters();
        args.Add("ids", _d.Ids(r.Ids));
        var inScope = "";
        if (r.Rules.ScopeBranchIds is { } scope)
        {
            inScope = " AND " + _filter.InScope;
            args.Add("scope", _d.Ids(scope));
        }
        return CountAsync($"u.id {_d.InIds("@ids")}{inScope}", args, r.Rules, ct);
    }

    public Task<SelectionCounts> CountFilterAsync(CountFilterRequest r, CancellationToken ct)
    {
        var (where, args) = _filter.Where(r.Filter, r.Rules.ScopeBranchIds);
        return CountAsync(_d.True + where, args, r.Rules, ct);
    }

    /// <summary>The transaction the counts run in, if the database wants settings of its own for them; none by default.</summary>
    protected virtual Task<DbTransaction?> BeginAsync(DbConnection c, CancellationToken ct) => Task.FromResult<DbTransaction?>(null);

    /// <summary>
    /// Two passes: the users' own counts over the visible users, then — only with courses — the enrollments of
    /// the chosen courses joined to the users acted on. A per-user lookup into enrollments instead cost a
    /// million index searches for a million users (a subquery per user and row on PostgreSQL).
    /// </summary>
    private async Task<SelectionCounts> CountAsync(string visible, DynamicParameters args, SelectionRules rules, CancellationToken ct)
    {
        args.Add("onlyRole", rules.OnlyRole);
        args.Add("refused", rules.RefusedUserId);
        args.Add("courses", _d.Ids(rules.CourseIds));
        args.Add("courseCount", (long)rules.CourseIds.Count);
        // Whether visible user "u" has a role the actor may change, and is not the one the action refuses (null-safe).
        var roleAllowed = $"({_d.TextOrNull("@onlyRole")} IS NULL OR u.role = @onlyRole)";
        var notRefused = $"u.id IS DISTINCT FROM {_d.IdOrNull("@refused")}";
        await using var c = await db.ConnectAsync(ct);
        await using var tx = await BeginAsync(c, ct);
        // The verdict, checked in the job's order: 0 acted on, 1 forbidden by role, 2 refused.
        var (seen, forbidden, refused, superadmins, active) = await c.QuerySingleAsync<(long, long, long, long, long)>($"""
            SELECT count(*), count(*) FILTER (WHERE verdict = 1), count(*) FILTER (WHERE verdict = 2),
                   count(*) FILTER (WHERE verdict = 0 AND role = 'superadmin'), count(*) FILTER (WHERE verdict = 0 AND active)
            FROM (SELECT u.role, u.active, CASE WHEN NOT {roleAllowed} THEN 1 WHEN NOT {notRefused} THEN 2 ELSE 0 END AS verdict
                  FROM users u WHERE {visible}) x
            """, args, tx);
        // One course: each enrollment is one user, so no grouping (which SQLite would materialize first).
        var enrolled = rules.CourseIds.Count == 1
            ? $"SELECT e.user_id, 1 AS n FROM enrollments e WHERE e.course_id {_d.InIds("@courses")}"
            : $"SELECT e.user_id, count(*) AS n FROM enrollments e WHERE e.course_id {_d.InIds("@courses")} GROUP BY e.user_id";
        var (inAll, inAny) = rules.CourseIds.Count == 0 ? (0L, 0L) : await c.QuerySingleAsync<(long, long)>($"""
            SELECT count(*) FILTER (WHERE x.n = @courseCount), count(*)
            FROM ({enrolled}) x JOIN users u ON u.id = x.user_id
            WHERE {visible} AND {roleAllowed} AND {notRefused}
            """, args, tx);
        if (tx is not null) await tx.CommitAsync(ct);
        return new SelectionCounts(seen, forbidden, refused, superadmins, active, inAll, inAny);
    }
}
