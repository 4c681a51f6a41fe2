using Dapper;
using Offload.Platform.MassActions;

namespace Offload.Storage.Postgres.Platform;

/// <summary>Selection counts on SQLite: one statement per count; explicit ids travel as one JSON array (json_each).</summary>
public sealed class PgSelectionCounts(PostgresDatabase db) : ISelectionCounts
{
    public async Task<long> CountMatchingAsync(CountMatchingRequest r, CancellationToken ct)
    {
        var (where, args) = PgUserFilter.Where(r.Filter, r.ScopeBranchIds);
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>($"SELECT count(*) FROM users u WHERE true {where}", args);
    }

    public Task<SelectionCounts> CountIdsAsync(CountIdsRequest r, CancellationToken ct)
    {
        var args = new DynamicParameters();
        args.Add("ids", r.Ids.ToArray());
        var inScope = "";
        if (r.Rules.ScopeBranchIds is { } scope)
        {
            inScope = " AND " + PgUserFilter.InScope;
            args.Add("scope", scope.ToArray());
        }
        return CountAsync($"u.id = ANY(@ids){inScope}", args, r.Rules, ct);
    }

    public Task<SelectionCounts> CountFilterAsync(CountFilterRequest r, CancellationToken ct)
    {
        var (where, args) = PgUserFilter.Where(r.Filter, r.Rules.ScopeBranchIds);
        return CountAsync("true" + where, args, r.Rules, ct);
    }

    /// <summary>
    /// Every count in one pass over the visible users: each gets a verdict (0 acted on, 1 forbidden by role,
    /// 2 refused) and, when courses are given, how many of them it is enrolled in (primary-key lookups).
    /// </summary>
    private async Task<SelectionCounts> CountAsync(string visible, DynamicParameters args, SelectionRules rules, CancellationToken ct)
    {
        args.Add("onlyRole", rules.OnlyRole);
        args.Add("refused", rules.RefusedUserId);
        args.Add("courses", rules.CourseIds.ToArray());
        args.Add("courseCount", rules.CourseIds.Count);
        var enrolled = rules.CourseIds.Count == 0 ? "0"
            : "(SELECT count(*) FROM enrollments e WHERE e.user_id = u.id AND e.course_id = ANY(@courses))";
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleAsync<SelectionCounts>($"""
            SELECT count(*) AS Visible,
                   count(*) FILTER (WHERE verdict = 1) AS Forbidden,
                   count(*) FILTER (WHERE verdict = 2) AS Refused,
                   count(*) FILTER (WHERE verdict = 0 AND role = 'superadmin') AS Superadmins,
                   count(*) FILTER (WHERE verdict = 0 AND active) AS Active,
                   count(*) FILTER (WHERE verdict = 0 AND @courseCount > 0 AND enrolled = @courseCount) AS EnrolledInAll,
                   count(*) FILTER (WHERE verdict = 0 AND enrolled > 0) AS EnrolledInAny
            FROM (SELECT u.role, u.active, {enrolled} AS enrolled,
                         CASE WHEN @onlyRole::text IS NOT NULL AND u.role <> @onlyRole THEN 1 WHEN u.id = @refused::bigint THEN 2 ELSE 0 END AS verdict
                  FROM users u WHERE {visible}) x
            """, args);
    }
}
