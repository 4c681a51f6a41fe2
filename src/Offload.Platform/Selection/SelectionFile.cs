using System.Buffers.Binary;

namespace Offload.Platform.Selection;

/// <summary>
/// A job's frozen selection: user ids as fixed-width little-endian longs in the job's folder, so the
/// item at any checkpoint is one seek away and a million ids cost 8 MB on disk, not in memory.
/// </summary>
public sealed class SelectionFile : IDisposable
{
    public const string FileName = "selection.bin";
    private readonly FileStream _stream;

    private SelectionFile(FileStream stream) => _stream = stream;

    public static async Task WriteAsync(string path, IReadOnlyList<long> ids, CancellationToken ct)
    {
        var bytes = new byte[ids.Count * sizeof(long)];
        for (var i = 0; i < ids.Count; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), ids[i]);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await file.WriteAsync(bytes, ct);
        await file.FlushAsync(ct);
    }

    public static SelectionFile Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));

    /// <summary>Up to <paramref name="count"/> ids starting at position <paramref name="from"/> (0-based).</summary>
    public long[] Read(long from, int count)
    {
        var bytes = new byte[count * sizeof(long)];
        _stream.Position = from * sizeof(long);
        var read = _stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        var ids = new long[read / sizeof(long)];
        for (var i = 0; i < ids.Length; i++) ids[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i * sizeof(long)));
        return ids;
    }

    public void Dispose() => _stream.Dispose();
}
