using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Notifications;

namespace Offload.Web.Jobs;

/// <summary>
/// Job JSON of SPEC §7 and §10. Never exposes input, checkpoint or lease columns; the description is in the caller's
/// language. The last four fields are the detail's (<c>GET /api/jobs/{id}</c>): null in the list and the events, which
/// read nothing beyond the job.
/// </summary>
public sealed record JobDto(
    Guid Id, string Kind, string Description, JobOwnerDto Owner, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    long Processed, long Total, int Percent, long ErrorCount, string? FailureReason,
    DateTimeOffset ExpiresAt, bool HasResult, Guid? RetryOf, Guid? UndoOf,
    long? ElapsedSeconds = null, long? EtaSeconds = null, long? QueuePosition = null, ErrorGroupsDto? ErrorGroups = null)
{
    public static JobDto From(Job j, JobDescriptions descriptions) => new(
        j.Id, j.Kind, descriptions.For(j), new JobOwnerDto(j.OwnerId, j.OwnerName), j.Status.ToName(),
        j.CreatedAt, j.StartedAt, j.FinishedAt, j.Processed, j.Total, j.Percent, j.ErrorCount, descriptions.FailureReasonOf(j),
        j.ExpiresAt, j.HasResult, j.RetryOf, j.UndoOf);

    internal static JobDto From(JobFacts facts, JobDescriptions descriptions) => From(facts.Job, descriptions) with
    {
        ElapsedSeconds = facts.ElapsedSeconds, EtaSeconds = facts.EtaSeconds, QueuePosition = facts.QueuePosition,
        ErrorGroups = ErrorGroupsDto.From(facts.ErrorGroups),
    };
}

/// <summary>A job's errors by reason: the largest groups, and how many smaller ones (and their errors) are left out.</summary>
public sealed record ErrorGroupsDto(IReadOnlyList<ErrorGroupDto> Items, long OtherGroups, long OtherCount)
{
    public static ErrorGroupsDto From(ErrorGroupSummary s) =>
        new([.. s.Items.Select(g => new ErrorGroupDto(g.Field, g.Message, g.Count, g.SampleRows))], s.OtherGroups, s.OtherCount);
}

public sealed record ErrorGroupDto(string Field, string Message, long Count, IReadOnlyList<long> SampleRows);

public sealed record JobOwnerDto(long Id, string Username);

public sealed record JobListDto(IReadOnlyList<JobDto> Items, string? NextCursor);

/// <summary>202 body of a mass action: the job it created.</summary>
public sealed record JobCreatedDto(JobDto Job);
