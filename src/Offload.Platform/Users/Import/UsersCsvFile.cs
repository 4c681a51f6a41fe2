using System.Text;
using nietras.SeparatedValues;

namespace Offload.Platform.Users.Import;

/// <summary>One data row of a users CSV: its number as a spreadsheet shows it (header = 1) and its values.</summary>
public readonly record struct CsvRow(long Number, string[] Values);

/// <summary>
/// A users CSV opened for streaming: strict UTF-8 (BOM accepted), comma or semicolon detected from the
/// header, RFC 4180 quoting. Rows are read one at a time; the file is never held in memory.
/// </summary>
public sealed class UsersCsvFile : IDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly StreamReader _text;
    private readonly SepReader _reader;

    private UsersCsvFile(StreamReader text, SepReader reader, char delimiter, string[] fileHeader)
    {
        _text = text;
        _reader = reader;
        Delimiter = delimiter;
        FileHeader = fileHeader;
        Columns = [.. fileHeader.Select(h => h.Trim().ToLowerInvariant())];
        ErrorAt = UsersCsvInspector.IndexOf(Columns, ImportColumns.Error);
        Header = ErrorAt < 0 ? Columns : [.. Columns.Where((_, i) => i != ErrorAt)];
    }

    public char Delimiter { get; }

    /// <summary>The names of the columns the import reads, trimmed and lower-cased, in file order: every column but <see cref="ImportColumns.Error"/>.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Every column's name, trimmed and lower-cased, in file order: what the upload check judges.</summary>
    internal IReadOnlyList<string> Columns { get; }

    /// <summary>The header row exactly as the file has it (a failed-rows file repeats it).</summary>
    internal IReadOnlyList<string> FileHeader { get; }

    /// <summary>
    /// Where the file's <see cref="ImportColumns.Error"/> column is, or -1. A file with one is a failed-rows file coming
    /// back: its values lose the apostrophe <see cref="FailedRowCells"/> put before what a spreadsheet would compute.
    /// </summary>
    internal int ErrorAt { get; }

    /// <summary>Where the <see cref="Header"/> column at <paramref name="index"/> is in the file's rows.</summary>
    internal int FileColumnOf(int index) => ErrorAt >= 0 && index >= ErrorAt ? index + 1 : index;

    /// <summary>How many data rows have been read so far.</summary>
    public long RowsRead { get; private set; }

    /// <summary>Opens the file; refuses it when it is empty or not UTF-8 text.</summary>
    public static UsersCsvFile Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            SkipBom(stream);
            var text = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
            var delimiter = DetectDelimiter(text);
            stream.Position = 0;
            SkipBom(stream);
            text.DiscardBufferedData();
            var reader = Sep.New(delimiter).Reader(o => o with
            {
                HasHeader = false,
                Unescape = true,
                DisableColCountCheck = true,
            }).From(text);
            if (!Decode(reader.MoveNext))
                throw new RequestRejectedException("The file is empty", "The CSV file has no header row.", "file");
            return new UsersCsvFile(text, reader, delimiter, ReadValues(reader.Current));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next data row, its <see cref="ImportColumns.Error"/> value left out; false at the end of the file.</summary>
    public bool TryRead(out CsvRow row)
    {
        if (!MoveNext())
        {
            row = default;
            return false;
        }
        var values = ReadValues(_reader.Current);
        if (ErrorAt >= 0)
        {
            if (values.Length > ErrorAt) values = [.. values.Where((_, i) => i != ErrorAt)];
            for (var i = 0; i < values.Length; i++) values[i] = FailedRowCells.Read(values[i]);
        }
        row = new CsvRow(RowsRead + 1, values);
        return true;
    }

    /// <summary>Reads the next data row's values exactly as the file has them, every column included; false at the end.</summary>
    internal bool TryReadFileRow(out string[] values)
    {
        values = MoveNext() ? ReadValues(_reader.Current) : [];
        return values.Length > 0;
    }

    /// <summary>Skips data rows without materializing them (resuming from a checkpoint).</summary>
    public void Skip(long rows)
    {
        while (RowsRead < rows && MoveNext()) { }
    }

    /// <summary>
    /// Moves to the next data row without turning its values into strings: the upload check reads a
    /// million rows this way with no allocation per row. The row is <see cref="Current"/> until the next move.
    /// </summary>
    internal bool MoveNext()
    {
        bool moved;
        try
        {
            moved = _reader.MoveNext();
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8();
        }
        if (moved) RowsRead++;
        return moved;
    }

    /// <summary>The row <see cref="MoveNext"/> moved to; its spans are valid until the next move.</summary>
    internal SepReader.Row Current => _reader.Current;

    public void Dispose()
    {
        _reader.Dispose();
        _text.Dispose();
    }

    private static string[] ReadValues(SepReader.Row row)
    {
        var values = new string[row.ColCount];
        for (var i = 0; i < values.Length; i++) values[i] = row[i].ToString();
        return values;
    }

    private static void SkipBom(Stream stream)
    {
        Span<byte> head = stackalloc byte[3];
        var n = stream.ReadAtLeast(head, 3, throwOnEndOfStream: false);
        if (n >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
            throw new RequestRejectedException("The file is not UTF-8 text",
                "The file is UTF-16; save it as CSV UTF-8 and upload it again.", "file");
        stream.Position = n == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
    }

    /// <summary>Semicolon when the header has more semicolons than commas (a French spreadsheet's export), else comma.</summary>
    private static char DetectDelimiter(StreamReader text)
    {
        var header = Decode(text.ReadLine) ?? "";
        var semicolons = header.Count(c => c == ';');
        var commas = header.Count(c => c == ',');
        return semicolons > commas ? ';' : ',';
    }

    private static T Decode<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8();
        }
    }

    private static RequestRejectedException NotUtf8() => new("The file is not UTF-8 text",
        "Save the file as CSV UTF-8 (comma or semicolon separated) and upload it again.", "file");
}
