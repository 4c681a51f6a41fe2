using Offload.Jobs;

namespace Offload.Platform.Users.Export;

/// <summary>
/// The result file one run of an export appends to. A run starts its own file with a copy of the committed
/// part of the file the checkpoint names, and from then on only appends to it; the file it copied from is
/// removed once a checkpoint naming the new one has committed.
/// </summary>
internal sealed class ExportRun(string folder, string name, FileStream stream, string? copiedFrom) : IDisposable
{
    public string Name { get; } = name;
    public FileStream Stream { get; } = stream;

    public static async Task<ExportRun> StartAsync(string folder, (string File, long Length) committed, CancellationToken ct)
    {
        var name = JobFiles.NewResultFile("csv");
        var stream = new FileStream(Path.Combine(folder, name), FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true);
        try
        {
            if (committed.Length == 0) return new ExportRun(folder, name, stream, null);
            await using (var source = new FileStream(Path.Combine(folder, committed.File), FileMode.Open, FileAccess.Read, FileShare.ReadWrite,
                1 << 16, useAsync: true))
            {
                await CopyPrefixAsync(source, stream, committed.Length, ct);
            }
            return new ExportRun(folder, name, stream, committed.File);
        }
        catch
        {
            await stream.DisposeAsync();
            File.Delete(Path.Combine(folder, name));
            throw;
        }
    }

    /// <summary>Called at a chunk that starts from this run's own committed file: the one it copied from is no one's now.</summary>
    public void ForgetCopiedFrom()
    {
        if (copiedFrom is null) return;
        File.Delete(Path.Combine(folder, copiedFrom));
        copiedFrom = null;
    }

    private static async Task CopyPrefixAsync(Stream from, Stream to, long length, CancellationToken ct)
    {
        var buffer = new byte[1 << 16];
        for (var left = length; left > 0;)
        {
            var read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), ct);
            if (read == 0) throw new InvalidDataException($"The committed result is shorter than its checkpoint ({length - left} of {length} bytes).");
            await to.WriteAsync(buffer.AsMemory(0, read), ct);
            left -= read;
        }
    }

    public void Dispose() => Stream.Dispose();
}
