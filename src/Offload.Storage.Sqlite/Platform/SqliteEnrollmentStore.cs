using Dapper;
using Offload.Jobs;
using Offload.Platform.Enrollments;

namespace Offload.Storage.Sqlite.Platform;

/// <summary>Enrollments on SQLite: one set-based statement per chunk, whatever its size.</summary>
public sealed class SqliteEnrollmentStore(SqliteDatabase db) : IEnrollmentStore
{
    public async Task<IReadOnlyList<Enrollment>> ListForUserAsync(ListEnrollmentsRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<(long UserId, long CourseId, string Code, string Title, long At)>("""
                SELECT e.user_id, e.course_id, c.code, c.title, e.enrolled_at
                FROM enrollments e JOIN courses c ON c.id = e.course_id
                WHERE e.user_id = @UserId ORDER BY c.code
                """, r))
            .Select(e => new Enrollment(e.UserId, e.CourseId, e.Code, e.Title, DateTimeOffset.FromUnixTimeMilliseconds(e.At)))
            .ToList();
    }

    public Task EnrollAsync(EnrollRequest r, ChunkTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync("""
            INSERT OR IGNORE INTO enrollments (user_id, course_id, enrolled_at)
            SELECT u.value, c.id, @now FROM json_each(@users) u CROSS JOIN courses c
            WHERE c.id IN (SELECT value FROM json_each(@courses))
            """, new { users = JsonIds.Of(r.UserIds), courses = JsonIds.Of(r.CourseIds), now = r.Now.ToUnixTimeMilliseconds() },
            tx.Transaction);

    public Task UnenrollAsync(UnenrollRequest r, ChunkTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync("""
            DELETE FROM enrollments
            WHERE user_id IN (SELECT value FROM json_each(@users)) AND course_id IN (SELECT value FROM json_each(@courses))
            """, new { users = JsonIds.Of(r.UserIds), courses = JsonIds.Of(r.CourseIds) }, tx.Transaction);
}
