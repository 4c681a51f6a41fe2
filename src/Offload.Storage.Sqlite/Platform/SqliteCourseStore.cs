using Dapper;
using Offload.Platform.Courses;

namespace Offload.Storage.Sqlite.Platform;

public sealed class SqliteCourseStore(SqliteDatabase db) : ICourseStore
{
    public async Task<IReadOnlyList<Course>> ListAsync(ListCoursesRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var sql = r.Ids is null
            ? "SELECT id, code, title FROM courses ORDER BY code"
            : "SELECT id, code, title FROM courses WHERE id IN (SELECT value FROM json_each(@ids)) ORDER BY code";
        return (await c.QueryAsync<(long Id, string Code, string Title)>(sql, new { ids = JsonIds.Of(r.Ids ?? []) }))
            .Select(x => new Course(x.Id, x.Code, x.Title)).ToList();
    }

    public Task<Course?> CreateAsync(CreateCourseRequest r, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long?>(
                "INSERT INTO courses (code, title) VALUES (@Code, @Title) ON CONFLICT (code) DO NOTHING RETURNING id", r, tx);
            return id is { } created ? new Course(created, r.Code, r.Title) : null;
        }, ct);
}
