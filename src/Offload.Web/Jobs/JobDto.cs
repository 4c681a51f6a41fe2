using Offload.Jobs;
using Offload.Platform.Notifications;

namespace Offload.Web.Jobs;

/// <summary>Job JSON of SPEC §7. Never exposes input, checkpoint or lease columns; the description is in the caller's language.</summary>
public sealed record JobDto(
    Guid Id, string Kind, string Description, JobOwnerDto Owner, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    long Processed, long Total, int Percent, long ErrorCount, string? FailureReason,
    DateTimeOffset ExpiresAt, bool HasResult, Guid? RetryOf, Guid? UndoOf)
{
    public static JobDto From(Job j, JobDescriptions descriptions) => new(
        j.Id, j.Kind, descriptions.For(j), new JobOwnerDto(j.OwnerId, j.OwnerName), j.Status.ToName(),
        j.CreatedAt, j.StartedAt, j.FinishedAt, j.Processed, j.Total, j.Percent, j.ErrorCount, descriptions.FailureReasonOf(j),
        j.ExpiresAt, j.HasResult, j.RetryOf, j.UndoOf);
}

public sealed record JobOwnerDto(long Id, string Username);

public sealed record JobListDto(IReadOnlyList<JobDto> Items, string? NextCursor);

/// <summary>202 body of a mass action: the job it created.</summary>
public sealed record JobCreatedDto(JobDto Job);
