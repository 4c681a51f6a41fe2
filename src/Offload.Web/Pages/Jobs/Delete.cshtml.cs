using Offload.Jobs;
using Offload.Jobs.Storage;
using static Offload.Web.Localization.UiText;

namespace Offload.Web.Pages.Jobs;

/// <summary>The trash of a row (seed point 11): removes a finished job with its log and result.</summary>
internal sealed class DeleteModel(IJobMonitor monitor, JobControl control) : JobConfirmPage(monitor)
{
    public override string Heading => T("Delete this job?");
    public override string Warning => T("The job, its error log and its result file are removed for good.");
    public override string Confirm => T("Delete job");
    public override string? Refusal => Job.Status.IsFinished() ? null : T("This job is still running; abort it first.");

    protected override Task ActAsync(Job job, CancellationToken ct) => control.DeleteAsync(job, ct);
}
