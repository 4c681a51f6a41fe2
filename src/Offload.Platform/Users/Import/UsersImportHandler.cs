using System.Text.Json;
using Offload.Jobs;
using Offload.Platform.Identity;

namespace Offload.Platform.Users.Import;

/// <summary>users.import: reads the next rows of the upload, writes the valid ones, logs the rest.</summary>
public sealed class UsersImportHandler(IUserStore users, JobFiles files, IPasswordHasher hasher, TimeProvider clock) : IJobHandler
{
    public const string KindName = "users.import";

    public string Kind => KindName;

    public async Task<Checkpoint> ProcessChunkAsync(JobContext job, Checkpoint from, ChunkTransaction tx, CancellationToken ct)
    {
        if (job.RunState is not ImportRun run || run.Csv.RowsRead != from.Processed)
        {
            (job.RunState as IDisposable)?.Dispose();
            job.RunState = run = await OpenAsync(job.Job, from, tx, ct);
        }
        var errors = new List<ItemError>();
        var rows = new List<ImportedUser>();
        var rowNumbers = new List<long>();
        var budget = job.StartChunk();
        var taken = 0;
        while (budget.Allows(taken) && run.Csv.TryRead(out var row))
        {
            taken++;
            if (row.Values is [""]) continue; // a blank line is no user and no error
            if (run.Duplicates.TryGetFirst(row.Number, out var first))
            {
                errors.Add(new ItemError(row.Number, ImportColumns.Username,
                    $"The username is already used on row {first} of this file.", row.Values[run.UsernameAt]));
                continue;
            }
            if (run.Parser.Parse(row, errors) is { } user)
            {
                rows.Add(user);
                rowNumbers.Add(row.Number);
            }
        }
        if (rows.Count > 0)
        {
            var written = await users.ImportAsync(new ImportUsersRequest(rows, run.Input.UpdateExisting, clock.GetUtcNow(), run.Input.Actor.Branches()), tx, ct);
            for (var i = 0; i < rows.Count; i++)
            {
                if (!written[i])
                    errors.Add(new ItemError(rowNumbers[i], ImportColumns.Username,
                        "A user with this username already exists (choose 'update existing users' to update it).", rows[i].Username));
            }
        }
        foreach (var error in errors.OrderBy(e => e.Row)) tx.AddError(error);
        return new Checkpoint(run.Csv.RowsRead);
    }

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
            return new ImportRun(input, csv, new UserRowParser(csv.Header, branches, hasher, input.Actor), duplicates,
                UsersCsvInspector.IndexOf(csv.Header, ImportColumns.Username));
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    /// <summary>An open upload positioned at the checkpoint, kept between chunks of one run.</summary>
    private sealed record ImportRun(UsersImportInput Input, UsersCsvFile Csv, UserRowParser Parser,
        DuplicateRows Duplicates, int UsernameAt) : IDisposable
    {
        public void Dispose() => Csv.Dispose();
    }
}
