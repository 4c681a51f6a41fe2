using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Web.Auth;
using Offload.Web.Jobs;

namespace Offload.Web.Pages.Jobs;

/// <summary>
/// X and trash without JavaScript: GET asks for confirmation, POST does it and goes back to the list.
/// A job the user may not see is a 404, as in the API.
/// </summary>
internal abstract class JobConfirmPage(IJobMonitor monitor) : PageModel
{
    public Job Job { get; private set; } = null!;
    public abstract string Heading { get; }
    public abstract string Warning { get; }
    public abstract string Confirm { get; }
    /// <summary>Why the action is not offered for this job now; null when it is.</summary>
    public abstract string? Refusal { get; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        // A job that moved on meanwhile (finished, already aborting) is simply shown as it now is.
        await ActAsync(Job, ct);
        return LocalRedirect(Next);
    }

    protected abstract Task ActAsync(Job job, CancellationToken ct);

    /// <summary>Where a done confirmation goes: the list, or the page of the job the action started.</summary>
    protected virtual string Next => "/jobs";

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Job = (await monitor.FindVisibleAsync(User.ToActor(), id.ToString(), ct))!;
        return Job is not null;
    }
}
