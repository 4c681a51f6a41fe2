namespace Offload.Platform.MassActions.Undo;

/// <summary>
/// Users changed the same way in one chunk: enrolled in one course at one time, removed from one course with one
/// enrollment date, set to one status. The shape every change record of a selection action is written in.
/// </summary>
/// <param name="Key">What was changed for them: a course id, or 1/0 for active/inactive.</param>
/// <param name="At">The time that goes with it (an enrollment's date), in microseconds since 1970; 0 when none.</param>
/// <param name="UserIds">Ascending.</param>
public sealed record ChangeGroup(long Key, long At, IReadOnlyList<long> UserIds)
{
    /// <summary>A time as a record keeps it: whole microseconds, what PostgreSQL stores (SQLite keeps milliseconds, coarser still).</summary>
    public static long Micros(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset Time(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    /// <summary><paramref name="time"/> cut to what a record keeps, so what is written and what is recorded are the same instant.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) => Time(Micros(time));

    public DateTimeOffset AtTime => Time(At);
}
