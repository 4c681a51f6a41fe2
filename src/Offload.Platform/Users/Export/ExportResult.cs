using System.Globalization;
using System.Text.RegularExpressions;

namespace Offload.Platform.Users.Export;

/// <summary>
/// Where an export's committed result is: the checkpoint's state names the file and its committed length
/// ("result.{run}.csv:1234"). Each run of the job writes a file of its own, so a worker that lost its lease
/// (stalled, then woken after another took over) can only write to a file no committed checkpoint points to:
/// the result is what the lease-guarded commit published, never what a stale worker wrote after it.
/// </summary>
public static partial class ExportResult
{
    /// <summary>The one name of jobs checkpointed before results had a file per run (state = length only).</summary>
    public const string LegacyFile = "result.csv";

    public static (string File, long Length) Parse(string? state)
    {
        if (state is null) return (LegacyFile, 0);
        var colon = state.LastIndexOf(':');
        var (file, length) = colon < 0 ? (LegacyFile, state) : (state[..colon], state[(colon + 1)..]);
        // The state is ours, but a file name read back from storage is checked before it becomes a path.
        if (!FileName().IsMatch(file)) throw new InvalidDataException("The export's checkpoint names no result file of ours.");
        return (file, long.Parse(length, CultureInfo.InvariantCulture));
    }

    public static string Format(string file, long length) => string.Create(CultureInfo.InvariantCulture, $"{file}:{length}");

    /// <summary>A new file name for one run.</summary>
    public static string NewFile() => $"result.{Guid.NewGuid():N}.csv";

    [GeneratedRegex("^result(\\.[0-9a-f]{32})?\\.csv$")]
    private static partial Regex FileName();
}
