using System.Globalization;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Users;

namespace Offload.Platform.MassActions.Undo;

/// <summary>
/// jobs.undo: walks the original job's change records in the order its chunks ran and hands each to the reverter of the
/// original's kind. A chunk reverts whole records (one original chunk each) until its budget (<see cref="RevertsPerItem"/>)
/// is spent; the checkpoint is the items reverted and the last record's seq, so a resumed undo never reverts a record twice.
/// </summary>
public sealed class UndoHandler(IJobChanges changes, IUserStore users, IEnumerable<IChangeReverter> reverters) : IJobHandler
{
    public const string KindName = "jobs.undo";

    /// <summary>
    /// Original chunks whose records one read brings: a read per chunk was a round trip per 2,000 items on top of the
    /// revert's own. Records are small (about a byte per item; an import's hold the earlier values of what it updated).
    /// </summary>
    private const int ReadAhead = 16;

    /// <summary>
    /// Items a chunk reverts per item of <c>Offload:ChunkSize</c>: a revert is a keyed delete or update, a fraction of the
    /// work of the item that made it, and each chunk's commit costs its own round trips (about 2 ms on PostgreSQL). Four
    /// of the original's chunks per undo chunk took the PostgreSQL undo of a 1M enroll from 4.3 s to 3.5 s;
    /// <c>Offload:ChunkTime</c> still ends a slow chunk early.
    /// </summary>
    private const int RevertsPerItem = 4;

    private readonly Dictionary<string, IChangeReverter> _reverters = reverters.ToDictionary(r => r.Kind, StringComparer.Ordinal);

    public string Kind => KindName;

    public async Task<Checkpoint> ProcessChunkAsync(JobContext job, Checkpoint from, ChunkTransaction tx, CancellationToken ct)
    {
        var original = job.Job.UndoOf ?? throw new InvalidDataException("An undo job names no job to undo.");
        var input = FrozenInput.Read<UndoJobInput>(job.Job.Input);
        var reverter = _reverters.GetValueOrDefault(input.OriginalKind)
            ?? throw new InvalidDataException($"Jobs of kind {input.OriginalKind} cannot be undone.");
        if (from.Processed == 0 && from.State is null) await reverter.BeginAsync(tx, ct);
        var budget = job.StartChunk(from.Processed);
        var seq = from.State is { } state ? long.Parse(state, CultureInfo.InvariantCulture) : -1;
        // Records read ahead are good only from the chunk they were read for on: a retried or resumed chunk reads again.
        if (job.RunState is not RecordsAhead ahead || ahead.After != seq) job.RunState = ahead = new RecordsAhead(seq);
        var position = from.Processed;
        var errors = new List<ItemError>();
        do
        {
            if (ahead.Records.Count == 0)
                foreach (var record in await changes.ReadNextAsync(new ReadChangesRequest(original, seq, ReadAhead), ct)) ahead.Records.Enqueue(record);
            // The total was counted from these records when the undo started: running out early means they are gone.
            if (ahead.Records.Count == 0) throw new InvalidDataException("The original job's change records are gone (was it deleted?).");
            seq = ahead.Records.Peek().Seq;
            var chunk = new RevertChunk(input.Actor, users, position + 1, errors);
            while (ahead.Records.TryPeek(out var record) && record.Seq == seq)
            {
                await reverter.RevertAsync(chunk, ahead.Records.Dequeue(), tx, ct);
                position += record.Items;
            }
            ahead.After = seq;
        }
        while (position < job.Job.Total && budget.Allows((int)Math.Min(int.MaxValue, (position - from.Processed) / RevertsPerItem)));
        foreach (var e in errors.OrderBy(e => e.Row)) tx.AddError(e);
        return new Checkpoint(position, seq.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The original's records read but not reverted yet, from the chunk after <see cref="After"/> on.</summary>
    private sealed class RecordsAhead(long after)
    {
        public long After { get; set; } = after;

        public Queue<ChangeRecord> Records { get; } = new();
    }
}
