using Microsoft.Extensions.Localization;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Localization;
using Offload.Web.Auth;

namespace Offload.Web.Pages.Jobs;

/// <summary>Resume without JavaScript: the buttons post here directly; a GET asks first.</summary>
internal sealed class ResumeModel(IJobMonitor monitor, JobControl control, IStringLocalizer<SharedResource> t) : JobConfirmPage(monitor)
{
    public override string Heading => t["Resume this job?"];
    public override string Warning => t["It goes back in the queue and goes on where it stopped."];
    public override string Confirm => t["Resume job"];
    public override string? Refusal => JobLabels.MayResume(Job) ? null : t["This job is not paused."].Value;

    protected override Task ActAsync(Job job, CancellationToken ct) => control.ResumeAsync(job.Id, User.ToActor().AsAuditUser(), ct);
}
