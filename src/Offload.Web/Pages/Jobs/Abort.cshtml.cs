using Offload.Jobs;
using Offload.Jobs.Storage;
using static Offload.Web.Localization.UiText;

namespace Offload.Web.Pages.Jobs;

/// <summary>The X of a row (seed point 8): stops a queued or running job for good.</summary>
internal sealed class AbortModel(IJobMonitor monitor, JobControl control) : JobConfirmPage(monitor)
{
    public override string Heading => T("Abort this job?");
    public override string Warning => T("Items already processed stay processed. Aborting cannot be undone.");
    public override string Confirm => T("Abort job");
    public override string? Refusal => JobLabels.MayAbort(Job.Status) ? null : T("This job is no longer running; there is nothing to abort.");

    protected override Task ActAsync(Job job, CancellationToken ct) => control.AbortAsync(job.Id, ct);
}
