using Dapper;
using Offload.Platform.MassActions;

namespace Offload.Storage.Sqlite.Platform;

/// <summary>Selection counts on SQLite: set-based statements, never ids loaded; explicit ids travel as one JSON array (json_each).</summary>
public sealed class SqliteSelectionCounts(SqliteDatabase db) : ISelectionCounts
{
    public async Task<long> CountMatchingAsync(CountMatchingRequest r, CancellationToken ct)
    {
        var (where, args) = SqliteUserFilter.Where(r.Filter, r.ScopeBranchIds);
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>($"SELECT count(*) FROM users u WHERE 1 = 1 {where}", args);
    }

    public Task<SelectionCounts> CountIdsAsync(CountIdsRequest r, CancellationToken ct)
    {
        var args = new DynamicParameters();
        args.Add("ids", JsonIds.Of(r.Ids));
        var inScope = "";
        if (r.Rules.ScopeBranchIds is { } scope)
        {
            inScope = " AND " + SqliteUserFilter.InScope;
            args.Add("scope", JsonIds.Of(scope));
        }
        return CountAsync($"u.id IN (SELECT value FROM json_each(@ids)){inScope}", args, r.Rules, ct);
    }

    public Task<SelectionCounts> CountFilterAsync(CountFilterRequest r, CancellationToken ct)
    {
        var (where, args) = SqliteUserFilter.Where(r.Filter, r.Rules.ScopeBranchIds);
        return CountAsync("1 = 1" + where, args, r.Rules, ct);
    }

    /// <summary>Whether visible user "u" has a role the actor may change.</summary>
    private const string RoleAllowed = "(@onlyRole IS NULL OR u.role = @onlyRole)";

    /// <summary>Whether visible user "u" is not the one the action refuses (null-safe: no refused user refuses nobody).</summary>
    private const string NotRefused = "u.id IS NOT @refused";

    /// <summary>What the job would make of visible user "u": 0 acted on, 1 forbidden by role, 2 refused (checked in the job's order).</summary>
    private const string Verdict = $"CASE WHEN NOT {RoleAllowed} THEN 1 WHEN NOT {NotRefused} THEN 2 ELSE 0 END";

    /// <summary>
    /// Two passes: the users' own counts over the visible users, then — only with courses — the enrollments of
    /// the chosen courses joined to the users acted on. A per-user lookup into enrollments instead cost a
    /// million index searches for a million users.
    /// </summary>
    private async Task<SelectionCounts> CountAsync(string visible, DynamicParameters args, SelectionRules rules, CancellationToken ct)
    {
        args.Add("onlyRole", rules.OnlyRole);
        args.Add("refused", rules.RefusedUserId);
        args.Add("courses", JsonIds.Of(rules.CourseIds));
        args.Add("courseCount", rules.CourseIds.Count);
        await using var c = await db.OpenAsync(ct);
        var (seen, forbidden, refused, superadmins, active) = await c.QuerySingleAsync<(long, long, long, long, long)>($"""
            SELECT count(*), count(*) FILTER (WHERE verdict = 1), count(*) FILTER (WHERE verdict = 2),
                   count(*) FILTER (WHERE verdict = 0 AND role = 'superadmin'), count(*) FILTER (WHERE verdict = 0 AND active)
            FROM (SELECT u.role, u.active, {Verdict} AS verdict FROM users u WHERE {visible})
            """, args);
        // One course: each enrollment is one user, so no grouping (which SQLite would materialize first).
        var enrolled = rules.CourseIds.Count == 1
            ? "SELECT e.user_id, 1 AS n FROM enrollments e WHERE e.course_id IN (SELECT value FROM json_each(@courses))"
            : "SELECT e.user_id, count(*) AS n FROM enrollments e WHERE e.course_id IN (SELECT value FROM json_each(@courses)) GROUP BY e.user_id";
        var (inAll, inAny) = rules.CourseIds.Count == 0 ? (0L, 0L) : await c.QuerySingleAsync<(long, long)>($"""
            SELECT count(*) FILTER (WHERE x.n = @courseCount), count(*)
            FROM ({enrolled}) x JOIN users u ON u.id = x.user_id
            WHERE {visible} AND {RoleAllowed} AND {NotRefused}
            """, args);
        return new SelectionCounts(seen, forbidden, refused, superadmins, active, inAll, inAny);
    }
}
