using System.Globalization;
using nietras.SeparatedValues;
using Offload.Jobs;
using Offload.Platform.Branches;
using Offload.Platform.Csv;
using Offload.Platform.MassActions;

namespace Offload.Platform.Users.Export;

/// <summary>
/// users.export: appends each chunk's users to the job's result CSV. The file is not transactional, so
/// the checkpoint stores its committed length: a retried or resumed chunk first cuts the file back to
/// it, and every user appears exactly once.
/// </summary>
public sealed class UsersExportHandler(IUserStore users, IBranchStore branches, JobFiles files) : UserBatchHandler(users, files)
{
    public const string KindName = "users.export";
    public const string ResultFile = "result.csv";

    public override string Kind => KindName;

    protected override async Task<string?> ApplyAsync(BatchChunk chunk, ChunkTransaction tx, CancellationToken ct)
    {
        var columns = chunk.Input.Columns ?? ExportColumns.All;
        var committed = chunk.From.State is { } state ? long.Parse(state, CultureInfo.InvariantCulture) : 0;
        var names = (await branches.ListAsync(new ListBranchesRequest(), ct)).ToDictionary(b => b.Id, b => b.Name);
        var profiles = await Users.ReadManyAsync(new ReadUsersRequest([.. chunk.Users.Select(u => u.User.Id)]), tx, ct);
        await using var file = new FileStream(Files.PathOf(chunk.Job.Job.Id, ResultFile), FileMode.OpenOrCreate,
            FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true);
        file.SetLength(committed);
        file.Position = committed;
        await using (var writer = Sep.New(',').Writer(o => o with { WriteHeader = false, Escape = true }).To(file, leaveOpen: true))
        {
            if (committed == 0) await WriteRowAsync(writer, columns, c => c, ct);
            foreach (var (_, user) in chunk.Users)
                await WriteRowAsync(writer, columns, c => SpreadsheetSafe.Cell(ExportColumns.Value(profiles[user.Id], c, names)), ct);
        }
        await file.FlushAsync(ct);
        file.Flush(flushToDisk: true); // durable before the checkpoint that points past it commits
        tx.ProducedResult = true;
        return file.Length.ToString(CultureInfo.InvariantCulture);
    }

    private static async Task WriteRowAsync(SepWriter writer, IReadOnlyList<string> columns, Func<string, string> value, CancellationToken ct)
    {
        await using var row = writer.NewRow(ct);
        foreach (var column in columns) row[column].Set(value(column));
    }
}
