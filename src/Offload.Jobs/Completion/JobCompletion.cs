namespace Offload.Jobs.Completion;

/// <summary>
/// What a job's end leaves behind for its owner: an in-app notice and a mail. Both are written in the
/// same transaction as the final state, so neither is lost nor written for a job that did not end.
/// </summary>
public sealed record JobCompletion(JobNotice? Notice, OutboxMail? Mail)
{
    public static readonly JobCompletion None = new(null, null);
}

/// <summary>An in-app notification for one user.</summary>
public sealed record JobNotice(long UserId, string Title);

/// <summary>A mail waiting in the durable outbox until a sender has delivered it.</summary>
public sealed record OutboxMail(string To, string Subject, string TextBody, string HtmlBody);

/// <summary>Words the owner gets when their job ends; the platform implements it (language, address, link).</summary>
public interface IJobCompletionComposer
{
    /// <param name="finished">The job as it ends: final status, counts and finish time.</param>
    Task<JobCompletion> ComposeAsync(Job finished, CancellationToken ct);
}
