using Microsoft.Extensions.Options;

namespace Offload.Jobs;

/// <summary>
/// Every file a job owns (its upload, its result) lives in one folder named for the job, so
/// deleting a job or expiring it removes them all in one step.
/// </summary>
public sealed class JobFiles(IOptions<JobsOptions> options)
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
}
