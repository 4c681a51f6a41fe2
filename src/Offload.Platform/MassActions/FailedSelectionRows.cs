using System.Globalization;
using System.Text;
using Offload.Jobs;
using Offload.Platform.Csv;
using Offload.Platform.Selection;
using nietras.SeparatedValues;

namespace Offload.Platform.MassActions;

/// <summary>
/// The failed items of a job on a frozen selection: an error row's <c>row</c> is the item's position in the selection
/// file, so the file says which user it was, whatever the message or value say.
/// </summary>
public static class FailedSelectionRows
{
    /// <summary>
    /// The failed-rows file (SPEC §10): <c>userId,username,error</c>. The username is the one the job's run recorded in
    /// the error's value, which it does only for users its owner could see; an id it could not resolve leaves it blank.
    /// </summary>
    public static async Task<long> WriteAsync(string selectionPath, IAsyncEnumerable<ItemError> errors, Stream output, CancellationToken ct)
    {
        using var selection = SelectionFile.Open(selectionPath);
        await using var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(output, leaveOpen: true);
        long written = 0;
        await foreach (var failed in errors.ByRow(ct))
        {
            if (IdAt(selection, failed.Row) is not { } id) continue;
            var idText = id.ToString(CultureInfo.InvariantCulture);
            await using var row = writer.NewRow(ct);
            row["userId"].Set(idText);
            row["username"].Set(SpreadsheetSafe.Cell(failed.Errors.Select(e => e.Value).FirstOrDefault(v => !string.IsNullOrEmpty(v) && v != idText)));
            row["error"].Set(SpreadsheetSafe.Cell(failed.Error));
            written++;
        }
        // Sep writes a header only with a first row: a job without failed items still gets its header line.
        if (written == 0) await output.WriteAsync(Encoding.UTF8.GetBytes("userId,username,error" + Environment.NewLine), ct);
        await writer.FlushAsync(ct);
        return written;
    }

    /// <summary>The failed items' user ids, in selection order: what a retry freezes.</summary>
    public static async Task<List<long>> ReadIdsAsync(string selectionPath, IAsyncEnumerable<ItemError> errors, CancellationToken ct)
    {
        using var selection = SelectionFile.Open(selectionPath);
        var ids = new List<long>();
        await foreach (var failed in errors.ByRow(ct))
        {
            if (IdAt(selection, failed.Row) is not { } id) continue;
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>The id at a 1-based position, or null past the end (an error row that names no item).</summary>
    private static long? IdAt(SelectionFile selection, long position) =>
        position >= 1 && selection.Read(position - 1, 1) is [var id] ? id : null;
}
