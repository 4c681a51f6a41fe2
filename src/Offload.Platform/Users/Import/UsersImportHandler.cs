using System.Text.Json;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Identity;
using Offload.Platform.MassActions.Undo;

namespace Offload.Platform.Users.Import;

/// <summary>
/// users.import: reads the next rows of the upload, writes the valid ones, logs the rest. Each chunk records, in its own
/// transaction, the users it created and the ones it updated with their earlier values, so an undo reverts exactly that.
/// </summary>
public sealed class UsersImportHandler(IUserStore users, JobFiles files, IPasswordHasher hasher, TimeProvider clock, IJobChanges changes) : IJobHandler
{
    public const string KindName = "users.import";

    public string Kind => KindName;

    public async Task<Checkpoint> ProcessChunkAsync(JobContext job, Checkpoint from, ChunkTransaction tx, CancellationToken ct)
    {
        if (job.RunState is not ImportRun run || run.Position != from.Processed)
        {
            await job.ResetRunStateAsync();
            job.RunState = run = await OpenAsync(job.Job, from, tx, ct);
        }
        var chunk = await run.NextAsync(job);
        var errors = chunk.Errors;
        if (chunk.Users.Count > 0)
        {
            var rows = chunk.Users;
            var written = await users.ImportAsync(new ImportUsersRequest(rows, run.Input.UpdateExisting, clock.GetUtcNow(), run.Input.Actor.Branches()), tx, ct);
            for (var i = 0; i < rows.Count; i++)
            {
                if (!written[i].Written)
                    errors.Add(ExistingUserRule.Refused(chunk.RowNumbers[i], rows[i].Username));
            }
            await RecordAsync(job, from, written, ImportWriteOutcome.Created, tx, ct);
            await RecordAsync(job, from, written, ImportWriteOutcome.Updated, tx, ct);
        }
        foreach (var error in errors.OrderBy(e => e.Row)) tx.AddError(error);
        return new Checkpoint(chunk.End);
    }

    private Task RecordAsync(JobContext job, Checkpoint from, IReadOnlyList<ImportWrite> written, ImportWriteOutcome outcome, ChunkTransaction tx,
        CancellationToken ct) =>
        ImportChangePayload.Encode(written, outcome) is var (payload, items)
            ? changes.RecordAsync(new RecordChangeRequest(job.Job.Id, from.Processed, outcome == ImportWriteOutcome.Created ? ImportChangePayload.Created
                : ImportChangePayload.Updated, items, payload), tx, ct)
            : Task.CompletedTask;

    private async Task<ImportRun> OpenAsync(Job job, Checkpoint from, ChunkTransaction tx, CancellationToken ct)
    {
        var input = JsonSerializer.Deserialize<UsersImportInput>(job.Input, JsonDefaults.Options)
                    ?? throw new InvalidDataException("The job's input is empty.");
        var csv = UsersCsvFile.Open(files.PathOf(job.Id, UsersImportInput.UploadFile));
        try
        {
            csv.Skip(from.Processed);
            var branches = await users.BranchIdsByNameAsync(tx, ct);
            var duplicates = DuplicateRows.Load(files.PathOf(job.Id, UsersImportInput.DuplicatesFile));
            var checker = new ImportRowChecker(new UserRowParser(csv.Header, branches, hasher, input.Actor), duplicates);
            return new ImportRun(input, csv, checker, csv.RowsRead);
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }
}
