using System.Globalization;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Users;

namespace Offload.Platform.MassActions.Undo;

/// <summary>
/// jobs.undo: walks the original job's change records in the order its chunks ran and hands each to the reverter of the
/// original's kind. A chunk reverts whole records (one original chunk each) until its budget is spent; the checkpoint is
/// the items reverted and the last record's seq, so a resumed undo never reverts a record twice.
/// </summary>
public sealed class UndoHandler(IJobChanges changes, IUserStore users, IEnumerable<IChangeReverter> reverters) : IJobHandler
{
    public const string KindName = "jobs.undo";

    private readonly Dictionary<string, IChangeReverter> _reverters = reverters.ToDictionary(r => r.Kind, StringComparer.Ordinal);

    public string Kind => KindName;

    public async Task<Checkpoint> ProcessChunkAsync(JobContext job, Checkpoint from, ChunkTransaction tx, CancellationToken ct)
    {
        var original = job.Job.UndoOf ?? throw new InvalidDataException("An undo job names no job to undo.");
        var input = FrozenInput.Read<UndoJobInput>(job.Job.Input);
        var reverter = _reverters.GetValueOrDefault(input.OriginalKind)
            ?? throw new InvalidDataException($"Jobs of kind {input.OriginalKind} cannot be undone.");
        var budget = job.StartChunk(from.Processed);
        var seq = from.State is { } state ? long.Parse(state, CultureInfo.InvariantCulture) : -1;
        var position = from.Processed;
        var errors = new List<ItemError>();
        do
        {
            var records = await changes.ReadNextAsync(new ReadChangesRequest(original, seq), ct);
            // The total was counted from these records when the undo started: running out early means they are gone.
            if (records.Count == 0) throw new InvalidDataException("The original job's change records are gone (was it deleted?).");
            var chunk = new RevertChunk(input.Actor, users, position + 1, errors);
            foreach (var record in records)
            {
                await reverter.RevertAsync(chunk, record, tx, ct);
                position += record.Items;
            }
            seq = records[0].Seq;
        }
        while (position < job.Job.Total && budget.Allows((int)Math.Min(int.MaxValue, position - from.Processed)));
        foreach (var e in errors.OrderBy(e => e.Row)) tx.AddError(e);
        return new Checkpoint(position, seq.ToString(CultureInfo.InvariantCulture));
    }
}
