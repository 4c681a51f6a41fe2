using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Web.Auth;
using Microsoft.Extensions.Localization;
using Offload.Platform.Localization;

namespace Offload.Web.Pages.Jobs;

/// <summary>The trash of a row (seed point 11): removes a finished job with its log and result.</summary>
internal sealed class DeleteModel(IJobMonitor monitor, JobControl control, IStringLocalizer<SharedResource> t) : JobConfirmPage(monitor)
{
    public override string Heading => t["Delete this job?"];
    public override string Warning => t["The job, its error log and its result file are removed for good."];
    public override string Confirm => t["Delete job"];
    public override string? Refusal => Job.Status.IsFinished() ? null : t["This job is still running; abort it first."].Value;

    protected override Task ActAsync(Job job, CancellationToken ct) => control.DeleteAsync(job, User.ToActor().AsAuditUser(), ct);

    /// <summary>The list: the job's own page is gone with it.</summary>
    protected override string Next => "/jobs";
}
