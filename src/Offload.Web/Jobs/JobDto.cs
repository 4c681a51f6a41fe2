using Microsoft.Extensions.Localization;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Localization;
using Offload.Platform.Notifications;

namespace Offload.Web.Jobs;

/// <summary>
/// Job JSON of SPEC §7 and §10. Never exposes input, checkpoint or lease columns; the description is in the caller's
/// language. The last four fields are the detail's (<c>GET /api/jobs/{id}</c>): null in the list and the events, which
/// read nothing beyond the job. stopReason is "errorRate" for a job its error-rate stop ended (null otherwise, an abort by a
/// person included: abortRequestedBy on the detail page says who), stopDetail the same in the caller's words ("Stopped: more
/// than 50% of the first 1,000 rows failed (612 of them)."); stopOnErrors is the rule it ran under, or null. pausedAt is when
/// a paused job paused (null unless paused); pauseRequestedAt when its pause was asked, set from the ask until a resume, so
/// a running job with it is pausing at its next chunk boundary.
/// </summary>
public sealed record JobDto(
    Guid Id, string Kind, string Description, JobOwnerDto Owner, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    long Processed, long Total, int Percent, long ErrorCount, string? FailureReason,
    DateTimeOffset ExpiresAt, bool HasResult, Guid? RetryOf, Guid? UndoOf, string? StopReason, string? StopDetail,
    StopOnErrorsRuleDto? StopOnErrors, DateTimeOffset? PausedAt, DateTimeOffset? PauseRequestedAt,
    long? ElapsedSeconds = null, long? EtaSeconds = null, long? QueuePosition = null, ErrorGroupSummary? ErrorGroups = null)
{
    public static JobDto From(Job j, JobDescriptions descriptions) => new(
        j.Id, j.Kind, descriptions.For(j), new JobOwnerDto(j.OwnerId, j.OwnerName), j.Status.ToName(),
        j.CreatedAt, j.StartedAt, j.FinishedAt, j.Processed, j.Total, j.Percent, j.ErrorCount, descriptions.FailureReasonOf(j),
        j.ExpiresAt, j.HasResult, j.RetryOf, j.UndoOf, j.StopReason, descriptions.StopReasonOf(j),
        j.StopOnErrors is { } rule ? new StopOnErrorsRuleDto(rule.Percent, rule.After) : null,
        j.Status == JobStatus.Paused ? j.PausedAt : null, j.PauseRequestedAt);

    /// <summary>With the detail; the groups' messages in the reader's language, as <c>GET /api/jobs/{id}/error-groups</c> words them.</summary>
    internal static JobDto From(JobFacts facts, JobDescriptions descriptions, IStringLocalizer<SharedResource> t) => From(facts.Job, descriptions) with
    {
        ElapsedSeconds = facts.ElapsedSeconds, EtaSeconds = facts.EtaSeconds, QueuePosition = facts.QueuePosition,
        ErrorGroups = ErrorGroupsEndpoint.Translated(facts.ErrorGroups, t),
    };
}

public sealed record JobOwnerDto(long Id, string Username);

/// <summary>A job's error-rate stop as JSON: {percent, after}.</summary>
public sealed record StopOnErrorsRuleDto(int Percent, long After);

public sealed record JobListDto(IReadOnlyList<JobDto> Items, string? NextCursor);

/// <summary>202 body of a mass action: the job it created.</summary>
public sealed record JobCreatedDto(JobDto Job);
