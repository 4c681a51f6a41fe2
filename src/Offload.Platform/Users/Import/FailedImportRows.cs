using Offload.Jobs;
using Offload.Platform.MassActions;
using System.Text;

namespace Offload.Platform.Users.Import;

/// <summary>
/// An import's failed-rows file (SPEC §10): the failed rows of the upload exactly as uploaded — header, column order,
/// delimiter, input order — and a last column <see cref="ImportColumns.Error"/> with the row's messages. The upload and
/// the error rows (both in row order) are read side by side, so a million failed rows take no more memory than one.
/// </summary>
public static class FailedImportRows
{
    /// <summary>Writes the file of <paramref name="errors"/> (the job's error rows, in row order) read against <paramref name="uploadPath"/>.</summary>
    /// <returns>How many rows were written.</returns>
    public static async Task<long> WriteAsync(string uploadPath, IAsyncEnumerable<ItemError> errors, Stream output, CancellationToken ct)
    {
        using var csv = UsersCsvFile.Open(uploadPath);
        // A failed-rows file uploaded back already has the column: its new messages replace the old, in place.
        var errorAt = csv.ErrorAt >= 0 ? csv.ErrorAt : csv.FileHeader.Count;
        var width = Math.Max(csv.FileHeader.Count, errorAt + 1);
        await using var writer = new StreamWriter(output, Utf8, 1 << 16, leaveOpen: true);
        var line = new StringBuilder();
        await WriteRowAsync(writer, line, csv.Delimiter, [.. csv.FileHeader], width, errorAt, ImportColumns.Error);
        long written = 0;
        await foreach (var failed in errors.ByRow(ct))
        {
            // Row numbers count the header as row 1: data row n is the row numbered n + 1.
            csv.Skip(failed.Row - 2);
            if (csv.RowsRead != failed.Row - 2 || !csv.TryReadFileRow(out var values)) break;
            await WriteRowAsync(writer, line, csv.Delimiter, values, width, errorAt, failed.Error);
            written++;
        }
        await writer.FlushAsync(ct);
        return written;
    }

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// One row: its values (a short row padded to the header's width, so the error lands in its column; a long one kept whole), each cell
    /// formula-safe in a way the import undoes (<see cref="FailedRowCells"/>), quoted as RFC 4180 asks.
    /// </summary>
    private static Task WriteRowAsync(StreamWriter writer, StringBuilder line, char delimiter, string[] values, int width, int errorAt, string error)
    {
        line.Clear();
        var count = Math.Max(values.Length, width);
        for (var i = 0; i < count; i++)
        {
            if (i > 0) line.Append(delimiter);
            var cell = FailedRowCells.Write(i == errorAt ? error : i < values.Length ? values[i] : "");
            if (cell.AsSpan().IndexOfAny([delimiter, '"', '\r', '\n']) < 0) line.Append(cell);
            else line.Append('"').Append(cell.Replace("\"", "\"\"")).Append('"');
        }
        line.Append("\r\n");
        return writer.WriteAsync(line);
    }
}
