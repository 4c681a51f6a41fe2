using Microsoft.Extensions.Localization;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Localization;
using Offload.Web.Auth;

namespace Offload.Web.Pages.Jobs;

/// <summary>
/// Pause without JavaScript: the row's and the job page's buttons post here directly (no confirmation: a pause is undone
/// by a resume); a GET, from a link or a bookmark, asks first.
/// </summary>
internal sealed class PauseModel(IJobMonitor monitor, JobControl control, IStringLocalizer<SharedResource> t) : JobConfirmPage(monitor)
{
    public override string Heading => t["Pause this job?"];
    public override string Warning => t["It stops after the items in progress and keeps its place; resume it to go on where it stopped."];
    public override string Confirm => t["Pause job"];
    public override string? Refusal => JobLabels.MayPause(Job) ? null : t["This job cannot be paused now."].Value;

    protected override Task ActAsync(Job job, CancellationToken ct) => control.PauseAsync(job.Id, User.ToActor().AsAuditUser(), ct);
}
