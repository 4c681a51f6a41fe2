using Offload.Jobs;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;

namespace Offload.Platform.Users.Export;

/// <summary>Export a selection of users to CSV: the columns checked, then a preview or a job on the frozen selection.</summary>
public sealed class UsersExportAction(SelectionJobs selections) : ISelectionAction<UsersExportInput>
{
    public Task<Job> StartAsync(UsersExportInput input, Actor actor, StopOnErrors? stopOnErrors, CancellationToken ct) =>
        selections.StartAsync(UsersExportHandler.KindName, n => $"Export of {SelectionJobs.Count(n, "user")}", input.Selection,
            new UsersExportJobInput(actor, RequireColumns(input.Columns)), stopOnErrors, ct);

    public async Task<ActionPreview> PreviewAsync(UsersExportInput input, Actor actor, CancellationToken ct)
    {
        RequireColumns(input.Columns);
        var (total, c) = await selections.CountAsync(input.Selection, actor, null, [], ct);
        return selections.Preview(UsersExportHandler.KindName, SelectionJobs.TypicalRate, total, c, noChange: 0);
    }

    /// <summary>The export's columns, lower-cased, all known and each once; every column when none is given.</summary>
    private static IReadOnlyList<string> RequireColumns(IReadOnlyList<string>? columns)
    {
        var chosen = columns is null or { Count: 0 } ? ExportColumns.All : columns.Select(c => c.Trim().ToLowerInvariant()).ToList();
        if (chosen.FirstOrDefault(c => !ExportColumns.All.Contains(c)) is { } unknown)
            throw new RequestRejectedException("Unknown export column",
                "'{0}' is not a column. Choose from: {1}.", "columns", args: [RequestRejectedException.Quote(unknown), string.Join(", ", ExportColumns.All)]);
        if (chosen.Distinct().Count() != chosen.Count)
            throw new RequestRejectedException("A column is listed twice", "List each export column once.", "columns");
        return chosen;
    }
}
