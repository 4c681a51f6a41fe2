using Offload.Jobs.Storage;
using Offload.Platform.Users.Import;

namespace Offload.Web.MassActions;

/// <summary>
/// An import preview as JSON (SPEC §9: id, fileName, rows, creates, updates, errorRows, errorGroups, estimatedSeconds,
/// expiresAt), plus errorCount (the error log's lines, one per wrong field: the job's errorCount, where errorRows counts
/// rows) and what the preview screen shows: updateExisting, blankRows, columns and firstRows (passwords masked).
/// creates + updates + errorRows = rows − blankRows. The groups' messages are the job's error log's, in English as the
/// log keeps them.
/// </summary>
public sealed record ImportPreviewDto(Guid Id, string FileName, long Rows, long Creates, long Updates, long ErrorRows,
    IReadOnlyList<ErrorGroup> ErrorGroups, int EstimatedSeconds, DateTimeOffset ExpiresAt,
    long ErrorCount, bool UpdateExisting, long BlankRows, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> FirstRows)
{
    public static ImportPreviewDto From(ImportPreview p, UsersImportPreviews previews) => new(p.Id, p.FileName, p.Rows, p.Creates, p.Updates,
        p.ErrorRows, p.ErrorGroups, previews.EstimateSeconds(p), p.ExpiresAt, p.ErrorCount, p.UpdateExisting, p.BlankRows, p.Columns, p.FirstRows);
}

/// <summary>POST /api/mass-actions/users-import as JSON: start the import of a previewed file, under the default error-rate stop unless told.</summary>
internal sealed record StartImportInput(string? PreviewId, StopOnErrorsDto? StopOnErrors = null);
