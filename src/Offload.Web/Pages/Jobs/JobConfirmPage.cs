using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Web.Auth;
using Offload.Web.Jobs;

namespace Offload.Web.Pages.Jobs;

/// <summary>
/// X and trash without JavaScript: GET asks for confirmation, POST does it and goes back where the person came from (the
/// list, or the job's own page when asked from there: <c>?back=job</c>). A job the user may not see is a 404, as in the API.
/// </summary>
internal abstract class JobConfirmPage(IJobMonitor monitor) : PageModel
{
    public Job Job { get; private set; } = null!;
    public abstract string Heading { get; }
    public abstract string Warning { get; }
    public abstract string Confirm { get; }
    /// <summary>Why the action is not offered for this job now; null when it is.</summary>
    public abstract string? Refusal { get; }

    /// <summary><c>job</c> when the person came from the job's own page; the form posts to the same address, so it stays.</summary>
    [BindProperty(SupportsGet = true, Name = "back")]
    public string? From { get; set; }

    /// <summary>Where cancelling goes: the page the person came from.</summary>
    public string Back => From == "job" ? $"/jobs/{Job.Id}" : "/jobs";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        // A job that moved on meanwhile (finished, already aborting) is simply shown as it now is.
        await ActAsync(Job, ct);
        return LocalRedirect(Next);
    }

    protected abstract Task ActAsync(Job job, CancellationToken ct);

    /// <summary>Where a done confirmation goes: back, or the page of the job the action started, or the list once the job is gone.</summary>
    protected virtual string Next => Back;

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Job = (await monitor.FindVisibleAsync(User.ToActor(), id.ToString(), ct))!;
        return Job is not null;
    }
}
