using System.Globalization;
using Offload.Jobs;
using Offload.Platform.Identity;
using Offload.Platform.Selection;
using Offload.Platform.Users;

namespace Offload.Platform.MassActions;

/// <summary>
/// The users of one chunk that passed the common checks, with their position in the selection; <paramref name="Run"/>
/// is the action's own state for this run of the job (forgotten with the run: after a failed chunk, a lost lease).
/// </summary>
public sealed record BatchChunk<TInput>(JobContext Job, TInput Input, Checkpoint From, IReadOnlyList<(long Position, UserRef User)> Users,
    List<ItemError> Errors, ActionRun Run);

/// <summary>What an action keeps between the chunks of one run (an open result file); disposed when the run ends.</summary>
public sealed class ActionRun : IDisposable
{
    public IDisposable? State { get; set; }

    public void Dispose() => State?.Dispose();
}

/// <summary>
/// The shared half of every mass action on a selection: read the chunk's ids from the frozen file,
/// resolve them in the chunk's transaction, turn vanished and out-of-scope users into error rows,
/// and hand the rest to the action. Subclasses only say what to do with valid users.
/// </summary>
/// <typeparam name="TInput">The action's frozen input, read from the job's row once per run.</typeparam>
public abstract class UserBatchHandler<TInput>(IUserStore users, JobFiles files) : IJobHandler
    where TInput : class, ISelectionJobInput
{
    public abstract string Kind { get; }

    /// <summary>The user port, for subclasses that write users themselves.</summary>
    protected IUserStore Users { get; } = users;

    /// <summary>The job folders, for subclasses that write a result file.</summary>
    protected JobFiles Files { get; } = files;

    public async Task<Checkpoint> ProcessChunkAsync(JobContext job, Checkpoint from, ChunkTransaction tx, CancellationToken ct)
    {
        if (job.RunState is not BatchRun run)
        {
            job.RunState = run = new BatchRun(FrozenInput.Read<TInput>(job.Job.Input), SelectionFile.Open(Files.PathOf(job.Job.Id, SelectionFile.FileName)));
        }
        var ids = run.Selection.Read(from.Processed, (int)Math.Min(job.StartChunk(from.Processed).MaxItems, job.Job.Total - from.Processed));
        var found = await Users.ResolveAsync(new ResolveUsersRequest(ids, run.Input.Actor.Branches()), tx, ct);
        var errors = new List<ItemError>();
        var valid = new List<(long, UserRef)>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            var position = from.Processed + i + 1;
            var id = ids[i].ToString(CultureInfo.InvariantCulture);
            if (!found.TryGetValue(ids[i], out var user) || !run.Input.Actor.MaySee(user))
                errors.Add(new ItemError(position, "userId", run.Input.Actor.NotFound(), id));
            else if (run.Input.Actor.WhyNot(user) is { } why)
                errors.Add(new ItemError(position, "userId", why, user.Username));
            else
                valid.Add((position, user));
        }
        var state = await ApplyAsync(new BatchChunk<TInput>(job, run.Input, from, valid, errors, run.Action), tx, ct);
        foreach (var e in errors.OrderBy(e => e.Row)) tx.AddError(e);
        return new Checkpoint(from.Processed + ids.Length, state);
    }

    /// <summary>Applies the action to the chunk's valid users, set-based; may add error rows; returns the checkpoint's state.</summary>
    protected abstract Task<string?> ApplyAsync(BatchChunk<TInput> chunk, ChunkTransaction tx, CancellationToken ct);

    private sealed record BatchRun(TInput Input, SelectionFile Selection) : IDisposable
    {
        public ActionRun Action { get; } = new();

        public void Dispose()
        {
            Selection.Dispose();
            Action.Dispose();
        }
    }
}
