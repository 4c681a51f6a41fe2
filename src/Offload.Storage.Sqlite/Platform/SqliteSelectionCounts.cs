using Dapper;
using Offload.Platform.MassActions;

namespace Offload.Storage.Sqlite.Platform;

/// <summary>Selection counts on SQLite: one statement per count; explicit ids travel as one JSON array (json_each).</summary>
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

    /// <summary>
    /// Every count in one pass over the visible users: each gets a verdict (0 acted on, 1 forbidden by role,
    /// 2 refused) and, when courses are given, how many of them it is enrolled in (primary-key lookups).
    /// </summary>
    private async Task<SelectionCounts> CountAsync(string visible, DynamicParameters args, SelectionRules rules, CancellationToken ct)
    {
        args.Add("onlyRole", rules.OnlyRole);
        args.Add("refused", rules.RefusedUserId);
        args.Add("courses", JsonIds.Of(rules.CourseIds));
        args.Add("courseCount", rules.CourseIds.Count);
        var enrolled = rules.CourseIds.Count == 0 ? "0"
            : "(SELECT count(*) FROM enrollments e WHERE e.user_id = u.id AND e.course_id IN (SELECT value FROM json_each(@courses)))";
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
                         CASE WHEN @onlyRole IS NOT NULL AND u.role <> @onlyRole THEN 1 WHEN u.id = @refused THEN 2 ELSE 0 END AS verdict
                  FROM users u WHERE {visible})
            """, args);
    }
}
