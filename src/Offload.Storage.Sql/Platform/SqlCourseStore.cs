using Dapper;
using Offload.Platform.Courses;

namespace Offload.Storage.Sql.Platform;

/// <summary>Courses, on either database: codes are unique in any case (the unique index decides, so no conflict target is named).</summary>
public sealed class SqlCourseStore(SqlDatabase db) : ICourseStore
{
    private const string All = "SELECT id, code, title FROM courses ORDER BY code";

    // A statement of its own for ids, not "@all OR id IN …": the OR on a parameter keeps SQLite off the primary key.
    private readonly string _some = $"SELECT id, code, title FROM courses WHERE id {db.Dialect.InIds("@ids")} ORDER BY code";

    public async Task<IReadOnlyList<Course>> ListAsync(ListCoursesRequest r, CancellationToken ct)
    {
        await using var c = await db.ConnectAsync(ct);
        return (await c.QueryAsync<(long Id, string Code, string Title)>(r.Ids is null ? All : _some, new { ids = db.Dialect.Ids(r.Ids ?? []) }))
            .Select(x => new Course(x.Id, x.Code, x.Title)).ToList();
    }

    public Task<Course?> CreateAsync(CreateCourseRequest r, CancellationToken ct) =>
        db.InWriteAsync(async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long?>(
                "INSERT INTO courses (code, title) VALUES (@Code, @Title) ON CONFLICT DO NOTHING RETURNING id", r, tx);
            return id is { } created ? new Course(created, r.Code, r.Title) : null;
        }, ct);
}
