using System.Data.Common;
using Offload.Jobs;

namespace Offload.Storage.Sqlite.Jobs;

/// <summary>The jobs columns in one fixed order, and how a row of them becomes a <see cref="Job"/>.</summary>
internal static class JobRows
{
    public const string Columns = """
        id, kind, description, owner_id, owner_name, status, created_at, started_at, finished_at, total,
        processed, checkpoint_state, error_count, failure_reason, expires_at, has_result, input,
        lease_owner, lease_expires_at, attempt
        """;

    public static Job Read(DbDataReader r) => new()
    {
        Id = Guid.Parse(r.GetString(0)),
        Kind = r.GetString(1),
        Description = r.GetString(2),
        OwnerId = r.GetInt64(3),
        OwnerName = r.GetString(4),
        Status = ParseStatus(r.GetString(5)),
        CreatedAt = Time(r.GetInt64(6)),
        StartedAt = r.IsDBNull(7) ? null : Time(r.GetInt64(7)),
        FinishedAt = r.IsDBNull(8) ? null : Time(r.GetInt64(8)),
        Total = r.GetInt64(9),
        Checkpoint = new Checkpoint(r.GetInt64(10), r.IsDBNull(11) ? null : r.GetString(11)),
        ErrorCount = r.GetInt64(12),
        FailureReason = r.IsDBNull(13) ? null : r.GetString(13),
        ExpiresAt = Time(r.GetInt64(14)),
        HasResult = r.GetInt64(15) != 0,
        Input = r.GetString(16),
        LeaseOwner = r.IsDBNull(17) ? null : r.GetString(17),
        LeaseExpiresAt = r.IsDBNull(18) ? null : Time(r.GetInt64(18)),
        Attempt = r.GetInt32(19),
    };

    public static async Task<Job?> ReadOneAsync(DbCommand command, CancellationToken ct)
    {
        await using var r = await command.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    public static JobStatus ParseStatus(string name) =>
        JobStatuses.TryParse(name, out var s) ? s : throw new InvalidDataException($"Unknown job status '{name}'.");

    public static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static string Key(Guid id) => id.ToString();

    /// <summary>SQL list of the states a job may be in to move to <paramref name="to"/>.</summary>
    public static string From(JobStatus to) =>
        string.Join(", ", Enum.GetValues<JobStatus>().Where(s => JobStatuses.CanMove(s, to)).Select(s => $"'{s.ToName()}'"));
}
