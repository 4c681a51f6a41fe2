using Dapper;
using Offload.Jobs;
using Offload.Platform.Enrollments;

namespace Offload.Storage.Sql.Platform;

/// <summary>Enrollments: one set-based statement per chunk, whatever its size; the id lists travel as one parameter each.</summary>
public sealed class SqlEnrollmentStore(SqlDatabase db) : IEnrollmentStore
{
    private readonly SqlDialect _d = db.Dialect;

    private readonly string _enroll = $"""
        INSERT INTO enrollments (user_id, course_id, enrolled_at)
        SELECT u.value, c.id, @now FROM {db.Dialect.Rows("@users", "u")} CROSS JOIN courses c WHERE c.id {db.Dialect.InIds("@courses")}
        ON CONFLICT DO NOTHING
        """;

    private readonly string _unenroll = $"DELETE FROM enrollments WHERE user_id {db.Dialect.InIds("@users")} AND course_id {db.Dialect.InIds("@courses")}";

    public async Task<IReadOnlyList<Enrollment>> ListForUserAsync(ListEnrollmentsRequest r, CancellationToken ct)
    {
        await using var c = await db.ConnectAsync(ct);
        await using var select = c.Command("""
            SELECT e.user_id, e.course_id, c.code, c.title, e.enrolled_at
            FROM enrollments e JOIN courses c ON c.id = e.course_id
            WHERE e.user_id = @user ORDER BY c.code
            """, null, ("@user", r.UserId));
        var found = new List<Enrollment>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            found.Add(new Enrollment(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), _d.ReadTime(reader, 4)));
        return found;
    }

    public Task EnrollAsync(EnrollRequest r, ChunkTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(_enroll, new { users = _d.Ids(r.UserIds), courses = _d.Ids(r.CourseIds), now = _d.Time(r.Now) }, tx.Transaction);

    public Task UnenrollAsync(UnenrollRequest r, ChunkTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(_unenroll, new { users = _d.Ids(r.UserIds), courses = _d.Ids(r.CourseIds) }, tx.Transaction);
}
