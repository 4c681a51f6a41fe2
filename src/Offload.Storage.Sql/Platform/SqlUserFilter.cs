using Dapper;
using Offload.Platform.Users;

namespace Offload.Storage.Sql.Platform;

/// <summary>A user filter (SPEC §3) as SQL on users "u": shared by the user list, a selection's freezing and its counts.</summary>
internal sealed class SqlUserFilter(SqlDialect d)
{
    /// <summary>Whether user "u" is in one of the branches of the id list @scope.</summary>
    public string InScope { get; } = $"EXISTS (SELECT 1 FROM user_branches s WHERE s.user_id = u.id AND s.branch_id {d.InIds("@scope")})";

    /// <summary>The filter as SQL conditions on "u"; text matches username, email or names, case-insensitively.</summary>
    public (string Sql, DynamicParameters Args) Where(UserFilter f, IReadOnlyList<long>? scope)
    {
        var sql = new List<string>();
        var args = new DynamicParameters();
        if (f.BranchId is { } branch)
        {
            sql.Add("EXISTS (SELECT 1 FROM user_branches b WHERE b.user_id = u.id AND b.branch_id = @branch)");
            args.Add("branch", branch);
        }
        if (f.Active is { } active)
        {
            sql.Add("u.active = @active");
            args.Add("active", active);
        }
        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            sql.Add($"({string.Join(" OR ", new[] { "u.username", "u.email", "u.first_name", "u.last_name" }.Select(c => d.LikeAnyCase(c, "@text")))})");
            args.Add("text", SqlPatterns.Containing(f.Text.Trim()));
        }
        if (f.CourseId is { } course)
        {
            sql.Add("EXISTS (SELECT 1 FROM enrollments e WHERE e.user_id = u.id AND e.course_id = @course)");
            args.Add("course", course);
        }
        if (scope is not null)
        {
            sql.Add(InScope);
            args.Add("scope", d.Ids(scope));
        }
        return (string.Concat(sql.Select(s => " AND " + s)), args);
    }
}
