using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Localization;
using Offload.Platform.MassActions.Undo;
using Offload.Web.Auth;
using Offload.Web.Jobs;

namespace Offload.Web.Pages.Jobs;

/// <summary>
/// Undo without JavaScript: GET says with counts what will be reverted, POST starts the undo and goes to its page. A job
/// the user may not see is a 404, as in the API.
/// </summary>
internal sealed class UndoModel(IJobMonitor monitor, JobUndo undo, IStringLocalizer<SharedResource> t) : PageModel
{
    public Job Job { get; private set; } = null!;

    /// <summary>What will be reverted, one sentence per kind of change, counts in the reader's format.</summary>
    public IReadOnlyList<string> Lines { get; private set; } = [];

    /// <summary>Why the undo is not offered now; null when it is.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The undo already started for this job, to link to.</summary>
    public Guid? ExistingUndo { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Show(await undo.PlanAsync(Job, ct));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var outcome = await undo.StartAsync(Job, User.ToActor(), ct);
        if (outcome.Undo is { } started) return LocalRedirect($"/jobs/{started.Id}");
        // Undone meanwhile (another admin), or no longer undoable: say so on the same page.
        Show(await undo.PlanAsync(Job, ct));
        return Page();
    }

    private void Show(UndoPlan plan)
    {
        ExistingUndo = plan.ExistingUndo;
        Refusal = plan.Result switch
        {
            UndoResult.Started => null,
            UndoResult.AlreadyUndone => t["This job was already undone"],
            _ when !Job.Status.IsFinished() => t["This job has not finished"] + ". " + t["A job can be undone once it has finished."],
            _ => t["This job cannot be undone"] + ". " + t["Only enroll, unenroll, activate/deactivate and import jobs can be undone."],
        };
        Lines = [.. plan.Lines.Select(l => t[l.Text, l.Count.ToString("N0", CultureInfo.CurrentCulture)].Value)];
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Job = (await monitor.FindVisibleAsync(User.ToActor(), id.ToString(), ct))!;
        return Job is not null;
    }
}
