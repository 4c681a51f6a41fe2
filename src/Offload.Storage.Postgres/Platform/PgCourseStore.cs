using Dapper;
using Offload.Platform.Courses;

namespace Offload.Storage.Postgres.Platform;

public sealed class PgCourseStore(PostgresDatabase db) : ICourseStore
{
    public async Task<IReadOnlyList<Course>> ListAsync(ListCoursesRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<(long Id, string Code, string Title)>(
                "SELECT id, code, title FROM courses WHERE @all OR id = ANY(@ids) ORDER BY code",
                new { all = r.Ids is null, ids = r.Ids?.ToArray() ?? [] }))
            .Select(x => new Course(x.Id, x.Code, x.Title)).ToList();
    }

    public Task<Course?> CreateAsync(CreateCourseRequest r, CancellationToken ct) =>
        db.WriteAsync(async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long?>(
                "INSERT INTO courses (code, title) VALUES (@Code, @Title) ON CONFLICT (lower(code)) DO NOTHING RETURNING id", r, tx);
            return id is { } created ? new Course(created, r.Code, r.Title) : null;
        }, ct);
}
