using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Web.Auth;
using Microsoft.Extensions.Localization;
using Offload.Platform.Localization;

namespace Offload.Web.Pages.Jobs;

/// <summary>The X of a row (seed point 8): stops a queued or running job for good.</summary>
internal sealed class AbortModel(IJobMonitor monitor, JobControl control, IStringLocalizer<SharedResource> t) : JobConfirmPage(monitor)
{
    public override string Heading => t["Abort this job?"];
    public override string Warning => t["Items already processed stay processed. Aborting cannot be undone."];
    public override string Confirm => t["Abort job"];
    public override string? Refusal => JobLabels.MayAbort(Job.Status) ? null : t["This job is no longer running; there is nothing to abort."].Value;

    protected override Task ActAsync(Job job, CancellationToken ct) => control.AbortAsync(job.Id, User.ToActor().AsAuditUser(), ct);
}
