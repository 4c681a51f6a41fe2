using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.MassActions;
using Offload.Web.Auth;
using Offload.Web.Jobs;

namespace Offload.Web.Pages.Jobs;

/// <summary>
/// A job's own page (SPEC §10): where it stands, how long it has run and has left, what happened when, its errors
/// by reason, its downloads and what may be done with it. A job the user may not see is a 404, as in the API.
/// Right on every load; with JavaScript it follows the job's events (job-detail.js).
/// </summary>
internal sealed class DetailModel(IJobMonitor monitor, IJobDetailReads details, JobFactsReader facts) : PageModel
{
    public JobFacts Facts { get; private set; } = null!;
    public Job Job => Facts.Job;
    /// <summary>The job this one retries or undoes, when the reader may see it.</summary>
    public Job? Original { get; private set; }
    /// <summary>The reader's view of the jobs that retry or undo this one.</summary>
    public IReadOnlyList<Job> FollowUps { get; private set; } = [];
    public IReadOnlyList<TimelineEvent> Timeline { get; private set; } = [];
    public bool MayRetry => JobFollowUps.CanRetry(Job);
    public bool MayUndo => JobFollowUps.CanUndo(Job);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var actor = User.ToActor();
        if (await monitor.FindVisibleAsync(actor, id.ToString(), ct) is not { } job) return NotFound();
        Facts = await facts.ReadAsync(job, ct);
        if ((job.RetryOf ?? job.UndoOf) is { } original)
            Original = await monitor.FindVisibleAsync(actor, original.ToString(), ct);
        FollowUps = [.. (await details.ListFollowUpsAsync(new ListFollowUpsRequest(job.Id), ct)).Where(actor.MaySee)];
        Timeline = TimelineEvent.Of(job);
        return Page();
    }
}
