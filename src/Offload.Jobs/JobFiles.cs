using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Offload.Jobs;

/// <summary>
/// Every file a job owns (its upload, its result) lives in one folder named for the job, so
/// deleting a job or expiring it removes them all in one step. A job that produces a result file (an export)
/// names it and its committed length in its checkpoint's state (<see cref="ResultState"/>): each run writes a file
/// of its own, so a worker that lost its lease can only write to a file no committed checkpoint points to.
/// </summary>
public sealed partial class JobFiles(IOptions<JobsOptions> options)
{
    private readonly string _root = Path.GetFullPath(Path.Combine(options.Value.DataPath, "jobs"));

    public string FolderOf(Guid jobId) => Path.Combine(_root, jobId.ToString("N"));

    /// <summary>The path of one of the job's files, creating the folder when needed.</summary>
    public string PathOf(Guid jobId, string fileName)
    {
        var folder = FolderOf(jobId);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }

    /// <summary>Every job folder on disk, by job id.</summary>
    public IEnumerable<(Guid Id, string Folder)> Folders()
    {
        if (!Directory.Exists(_root)) yield break;
        foreach (var folder in Directory.EnumerateDirectories(_root))
            if (Guid.TryParseExact(Path.GetFileName(folder), "N", out var id)) yield return (id, folder);
    }

    /// <summary>Idempotent: two sweeps (or a sweep and a delete) may remove the same folder at once.</summary>
    public void Delete(Guid jobId)
    {
        try
        {
            Directory.Delete(FolderOf(jobId), recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone, or being removed by someone else: the outcome is the same.
        }
    }

    /// <summary>The one name of results checkpointed before each run had a file of its own (state = length only).</summary>
    public const string LegacyResultFile = "result.csv";

    /// <summary>The committed result file of a job, or null when it has none on disk.</summary>
    public string? ResultFile(Job job)
    {
        if (!job.HasResult) return null;
        var path = Path.Combine(FolderOf(job.Id), ParseResultState(job.Checkpoint.State).File);
        return File.Exists(path) ? path : null;
    }

    /// <summary>A new result file name for one run of a job, with the given extension ("csv").</summary>
    public static string NewResultFile(string extension) => $"result.{Guid.NewGuid():N}.{extension}";

    /// <summary>The checkpoint state naming a result file and its committed length ("result.{run}.csv:1234").</summary>
    public static string ResultState(string file, long length) => string.Create(CultureInfo.InvariantCulture, $"{file}:{length}");

    /// <summary>The result file and committed length a checkpoint's state names; nothing written yet when null.</summary>
    public static (string File, long Length) ParseResultState(string? state)
    {
        if (state is null) return (LegacyResultFile, 0);
        var colon = state.LastIndexOf(':');
        var (file, length) = colon < 0 ? (LegacyResultFile, state) : (state[..colon], state[(colon + 1)..]);
        // The state is ours, but a file name read back from storage is checked before it becomes a path.
        if (!ResultFileName().IsMatch(file)) throw new InvalidDataException("The checkpoint names no result file of ours.");
        return (file, long.Parse(length, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("^result(\\.[0-9a-f]{32})?\\.[a-z]{1,8}$")]
    private static partial Regex ResultFileName();
}
