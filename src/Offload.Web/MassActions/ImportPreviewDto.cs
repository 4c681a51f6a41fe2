using Offload.Platform.Users.Import;

namespace Offload.Web.MassActions;

/// <summary>
/// An import preview as JSON (SPEC §9: id, fileName, rows, creates, updates, errorRows, errorGroups, estimatedSeconds,
/// expiresAt), plus errorCount (the error log's lines, one per wrong field: the job's errorCount, where errorRows counts
/// rows) and what the preview screen shows: updateExisting, blankRows, columns and firstRows (passwords masked).
/// creates + updates + errorRows = rows − blankRows.
/// </summary>
public sealed record ImportPreviewDto(Guid Id, string FileName, long Rows, long Creates, long Updates, long ErrorRows,
    IReadOnlyList<ImportErrorGroupDto> ErrorGroups, int EstimatedSeconds, DateTimeOffset ExpiresAt,
    long ErrorCount, bool UpdateExisting, long BlankRows, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> FirstRows)
{
    public static ImportPreviewDto From(ImportPreview p, UsersImportPreviews previews) => new(p.Id, p.FileName, p.Rows, p.Creates, p.Updates,
        p.ErrorRows, [.. p.ErrorGroups.Select(g => new ImportErrorGroupDto(g.Field, g.Message, g.Count, g.SampleRows))],
        previews.EstimateSeconds(p), p.ExpiresAt, p.ErrorCount, p.UpdateExisting, p.BlankRows, p.Columns, p.FirstRows);
}

/// <summary>Rows failing for one reason; the message is the job's error log's, in English as the log keeps it.</summary>
public sealed record ImportErrorGroupDto(string Field, string Message, long Count, IReadOnlyList<long> SampleRows);

/// <summary>POST /api/mass-actions/users-import as JSON: start the import of a previewed file.</summary>
public sealed record StartImportInput(string? PreviewId);
