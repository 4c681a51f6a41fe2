using Dapper;
using Offload.Jobs;
using Offload.Platform.Enrollments;

namespace Offload.Storage.Postgres.Platform;

/// <summary>Enrollments on PostgreSQL: one set-based statement per chunk, whatever its size.</summary>
public sealed class PgEnrollmentStore(PostgresDatabase db) : IEnrollmentStore
{
    public async Task<IReadOnlyList<Enrollment>> ListForUserAsync(ListEnrollmentsRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<(long UserId, long CourseId, string Code, string Title, DateTime At)>("""
                SELECT e.user_id, e.course_id, c.code, c.title, e.enrolled_at
                FROM enrollments e JOIN courses c ON c.id = e.course_id
                WHERE e.user_id = @UserId ORDER BY c.code
                """, r))
            .Select(e => new Enrollment(e.UserId, e.CourseId, e.Code, e.Title, new DateTimeOffset(DateTime.SpecifyKind(e.At, DateTimeKind.Utc))))
            .ToList();
    }

    public Task EnrollAsync(EnrollRequest r, ChunkTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync("""
            INSERT INTO enrollments (user_id, course_id, enrolled_at)
            SELECT u, c.id, @now FROM unnest(@users) u CROSS JOIN courses c WHERE c.id = ANY(@courses)
            ON CONFLICT DO NOTHING
            """, new { users = r.UserIds.ToArray(), courses = r.CourseIds.ToArray(), now = r.Now.ToUniversalTime() }, tx.Transaction);

    public Task UnenrollAsync(UnenrollRequest r, ChunkTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync("DELETE FROM enrollments WHERE user_id = ANY(@users) AND course_id = ANY(@courses)",
            new { users = r.UserIds.ToArray(), courses = r.CourseIds.ToArray() }, tx.Transaction);
}
