using System.Globalization;
using nietras.SeparatedValues;
using Offload.Jobs;
using Offload.Platform.Branches;
using Offload.Platform.Csv;
using Offload.Platform.MassActions;

namespace Offload.Platform.Users.Export;

/// <summary>
/// users.export: appends each chunk's users to the job's result CSV. The file is not transactional, so the
/// checkpoint names the file and its committed length (<see cref="JobFiles.ResultState"/>): each run of the job writes a
/// file of its own, starting from a copy of the committed part, so a retried or resumed chunk, or a stale worker
/// that lost its lease, never changes bytes a committed checkpoint points to, and every user appears exactly once.
/// </summary>
public sealed class UsersExportHandler(IUserStore users, IBranchStore branches, JobFiles files) : UserBatchHandler<UsersExportJobInput>(users, files)
{
    public const string KindName = "users.export";

    public override string Kind => KindName;

    protected override async Task<string?> ApplyAsync(BatchChunk<UsersExportJobInput> chunk, ChunkTransaction tx, CancellationToken ct)
    {
        var columns = chunk.Input.Columns;
        var committed = JobFiles.ParseResultState(chunk.From.State);
        var names = (await branches.ListAsync(new ListBranchesRequest(), ct)).ToDictionary(b => b.Id, b => b.Name);
        var profiles = await Users.ReadManyAsync(new ReadUsersRequest([.. chunk.Users.Select(u => u.User.Id)]), tx, ct);
        var run = await RunFromAsync(chunk, committed, ct);
        var file = run.Stream;
        await using (var writer = Sep.New(',').Writer(o => o with { WriteHeader = false, Escape = true }).To(file, leaveOpen: true))
        {
            if (committed.Length == 0) await WriteRowAsync(writer, columns, c => c, ct);
            foreach (var (_, user) in chunk.Users)
                await WriteRowAsync(writer, columns, c => SpreadsheetSafe.Cell(ExportColumns.Value(profiles[user.Id], c, names)), ct);
        }
        await file.FlushAsync(ct);
        file.Flush(flushToDisk: true); // durable before the checkpoint that points past it commits
        tx.ProducedResult = true;
        return JobFiles.ResultState(run.Name, file.Length);
    }

    /// <summary>
    /// This run's file when the chunk starts where this run's last chunk committed; otherwise (first chunk of the
    /// run, a retry, a resume after another worker) a new file holding the committed part of the one the checkpoint names.
    /// </summary>
    private async Task<ExportRun> RunFromAsync(BatchChunk<UsersExportJobInput> chunk, (string File, long Length) committed, CancellationToken ct)
    {
        if (chunk.Run.State is ExportRun run && run.Name == committed.File && run.Stream.Length == committed.Length)
        {
            run.ForgetCopiedFrom();
            return run;
        }
        chunk.Run.State?.Dispose();
        chunk.Run.State = null;
        var started = await ExportRun.StartAsync(Files.FolderOf(chunk.Job.Job.Id), committed, ct);
        chunk.Run.State = started;
        return started;
    }

    private static async Task WriteRowAsync(SepWriter writer, IReadOnlyList<string> columns, Func<string, string> value, CancellationToken ct)
    {
        await using var row = writer.NewRow(ct);
        foreach (var column in columns) row[column].Set(value(column));
    }
}
