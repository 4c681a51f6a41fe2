using Dapper;
using Offload.Platform.Courses;

namespace Offload.Storage.Sql.Platform;

/// <summary>Courses, on either database: codes are unique in any case (the unique index decides, so no conflict target is named).</summary>
public sealed class SqlCourseStore(SqlDatabase db) : ICourseStore
{
    private readonly string _list = $"SELECT id, code, title FROM courses WHERE @all OR id {db.Dialect.InIds("@ids")} ORDER BY code";

    public async Task<IReadOnlyList<Course>> ListAsync(ListCoursesRequest r, CancellationToken ct)
    {
        await using var c = await db.ConnectAsync(ct);
        return (await c.QueryAsync<(long Id, string Code, string Title)>(_list, new { all = r.Ids is null, ids = db.Dialect.Ids(r.Ids ?? []) }))
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
