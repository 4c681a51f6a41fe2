using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform;
using Offload.Platform.Localization;
using Offload.Platform.MassActions;
using Offload.Web.Auth;

namespace Offload.Web.Pages.Jobs;

/// <summary>"Retry failed items" of the detail page (SPEC §10): says how many items will run again, then starts the retry and opens its page.</summary>
internal sealed class RetryModel(IJobMonitor monitor, JobRetries retries, IStringLocalizer<SharedResource> t) : JobConfirmPage(monitor)
{
    private Guid? _started;
    private long _failed;

    public override string Heading => t["Retry failed items?"];

    public override string Warning => _failed == 1
        ? t["1 failed item will run again in a new job, with your rights."]
        : t["{0} failed items will run again in a new job, with your rights.", _failed.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)];

    public override string Confirm => t["Start the retry"];

    public override string? Refusal => JobFollowUps.CanRetry(Job) ? null : t["Only a finished job with failed items can be retried, and never an undo."].Value;

    protected override string Next => _started is { } id ? $"/jobs/{id}" : Back;

    /// <summary>The count the confirmation shows, once the handler has found the job and before the page is written.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Result is PageResult && JobFollowUps.CanRetry(Job)) _failed = await retries.CountFailedAsync(Job, HttpContext.RequestAborted);
    }

    protected override async Task ActAsync(Job job, CancellationToken ct)
    {
        try
        {
            _started = (await retries.RetryAsync(job, User.ToActor(), ct)).Id;
        }
        catch (RequestRejectedException)
        {
            // The job moved on or its items are gone: back to the list, as a confirmation of a job that changed meanwhile.
        }
    }
}
