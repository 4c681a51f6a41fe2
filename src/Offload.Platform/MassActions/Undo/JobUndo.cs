using System.Text.Json;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Identity;

namespace Offload.Platform.MassActions.Undo;

/// <summary>
/// Starts the undo of a finished job (SPEC §10): an ordinary job of kind <see cref="UndoHandler.KindName"/> owned by
/// whoever asked, over the original's change records. One undo per job: the store's unique index on undo_of turns a
/// second (even a concurrent one) into <see cref="UndoResult.AlreadyUndone"/>.
/// </summary>
public sealed class JobUndo(IJobChanges changes, JobQueue queue, IEnumerable<IChangeReverter> reverters)
{
    private readonly Dictionary<string, IChangeReverter> _reverters = reverters.ToDictionary(r => r.Kind, StringComparer.Ordinal);

    /// <summary>What undoing <paramref name="original"/> would do, and whether it may be done now.</summary>
    public async Task<UndoPlan> PlanAsync(Job original, CancellationToken ct)
    {
        if (!JobFollowUps.CanUndo(original) || !_reverters.TryGetValue(original.Kind, out var reverter))
            return new UndoPlan(UndoResult.NotUndoable, [], null);
        if (await changes.FindUndoAsync(new FindUndoRequest(original.Id), ct) is { } existing)
            return new UndoPlan(UndoResult.AlreadyUndone, [], existing);
        var counts = await changes.CountAsync(new CountChangesRequest(original.Id), ct);
        return new UndoPlan(UndoResult.Started, reverter.Plan(counts), null);
    }

    public async Task<UndoOutcome> StartAsync(Job original, Actor actor, CancellationToken ct)
    {
        if (!JobFollowUps.CanUndo(original) || !_reverters.ContainsKey(original.Kind)) return new UndoOutcome(UndoResult.NotUndoable, null, null);
        if (await changes.FindUndoAsync(new FindUndoRequest(original.Id), ct) is { } existing)
            return new UndoOutcome(UndoResult.AlreadyUndone, null, existing);
        var total = (await changes.CountAsync(new CountChangesRequest(original.Id), ct)).Values.Sum();
        var input = new UndoJobInput(actor, original.Kind, original.Total, original.Input, original.Description);
        try
        {
            var job = await queue.EnqueueAsync(new NewJob(JobQueue.NewId(), UndoHandler.KindName, $"Undo of: {original.Description}",
                actor.Id, actor.Username, total, JsonSerializer.Serialize(input, JsonDefaults.Options), UndoOf: original.Id), ct);
            return new UndoOutcome(UndoResult.Started, job, null);
        }
        catch (Exception)
        {
            // Two undos of the same job at once: the unique index let only the other one in. Any other fault is the caller's.
            if (await changes.FindUndoAsync(new FindUndoRequest(original.Id), CancellationToken.None) is { } raced)
                return new UndoOutcome(UndoResult.AlreadyUndone, null, raced);
            throw;
        }
    }
}

public enum UndoResult
{
    /// <summary>The undo job was created (for a plan: it may be).</summary>
    Started,
    /// <summary>Not finished yet, or of a kind that records nothing to revert (delete, export, an undo).</summary>
    NotUndoable,
    /// <summary>This job already has its undo.</summary>
    AlreadyUndone,
}

/// <param name="ExistingUndo">The undo job already started, when <see cref="UndoResult.AlreadyUndone"/>.</param>
public sealed record UndoOutcome(UndoResult Result, Job? Undo, Guid? ExistingUndo);

/// <param name="Lines">What will be reverted, with counts (empty unless the undo may start).</param>
public sealed record UndoPlan(UndoResult Result, IReadOnlyList<RevertLine> Lines, Guid? ExistingUndo);
