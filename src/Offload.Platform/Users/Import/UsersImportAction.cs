using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Offload.Jobs;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;

namespace Offload.Platform.Users.Import;

/// <summary>An upload saved in the folder of the job it will become.</summary>
public sealed record ImportUpload(Guid JobId, string FileName, long Bytes);

/// <summary>
/// The "import users from CSV" mass action: receives the upload (size-limited, streamed to disk),
/// checks it whole, and only then creates the job — a refused file leaves nothing behind.
/// </summary>
public sealed class UsersImportAction(JobQueue queue, JobFiles files, IOptions<ImportOptions> options)
{
    private readonly ImportOptions _limits = options.Value;

    public async Task<ImportUpload> ReceiveAsync(Stream content, string? fileName, CancellationToken ct)
    {
        var id = JobQueue.NewId();
        try
        {
            var bytes = await CopyUploadAsync(content, files.PathOf(id, UsersImportInput.UploadFile), ct);
            return new ImportUpload(id, CleanFileName(fileName), bytes);
        }
        catch
        {
            files.Delete(id);
            throw;
        }
    }

    /// <summary>
    /// Streams an upload to <paramref name="path"/> (a new file), refusing it with a 413 past Offload:Import:MaxBytes;
    /// the caller removes the file when this throws. Returns its size. The import and its preview both receive files here.
    /// </summary>
    public async Task<long> CopyUploadAsync(Stream content, string path, CancellationToken ct)
    {
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > _limits.MaxBytes)
                throw new RequestRejectedException("The file is too large",
                    "A users CSV may be at most {0:0.#} MB; split the file and import each part.",
                    "file", 413, _limits.MaxBytes / (1024.0 * 1024));
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        return total;
    }

    /// <summary>Reads the whole upload once (SPEC §3's refusals), counting rows and finding in-file duplicates; saves those next to it.</summary>
    public async Task<ImportFileSummary> InspectAsync(string uploadPath, string duplicatesPath, CancellationToken ct)
    {
        // Parsing a large file is CPU work: keep it off the request thread's synchronous path.
        var summary = await Task.Run(() => UsersCsvInspector.Inspect(uploadPath, _limits), ct);
        summary.Duplicates.Save(duplicatesPath);
        return summary;
    }

    /// <summary>
    /// The path every file takes into a job — the API's upload, the preview's, a retry's failed rows: checked whole,
    /// in-file duplicates found, then the job written; a refused file leaves nothing behind.
    /// </summary>
    /// <param name="retryOf">The job whose failed rows <paramref name="upload"/> holds, when this is a retry.</param>
    /// <param name="stopOnErrors">The job's error-rate stop: <see cref="ErrorRateStop.ImportDefault"/> unless the caller chose another or none.</param>
    public async Task<Job> StartAsync(ImportUpload upload, bool updateExisting, StopOnErrors? stopOnErrors, Actor actor, CancellationToken ct,
        Guid? retryOf = null)
    {
        try
        {
            var summary = await InspectAsync(files.PathOf(upload.JobId, UsersImportInput.UploadFile),
                files.PathOf(upload.JobId, UsersImportInput.DuplicatesFile), ct);
            return await EnqueueAsync(upload.JobId, upload.FileName, summary.Rows, updateExisting, stopOnErrors, actor, ct, retryOf);
        }
        catch
        {
            // Only failures before the job's row exists reach here: EnqueueAsync throws only when it wrote nothing.
            files.Delete(upload.JobId);
            throw;
        }
    }

    /// <summary>Creates the job of an upload already inspected and sitting in its job's folder.</summary>
    public Task<Job> EnqueueAsync(Guid jobId, string fileName, long rows, bool updateExisting, StopOnErrors? stopOnErrors, Actor actor,
        CancellationToken ct, Guid? retryOf = null)
    {
        var input = JsonSerializer.Serialize(new UsersImportInput(fileName, updateExisting, actor), JsonDefaults.Options);
        var description = Describe(fileName, rows);
        return queue.EnqueueAsync(new NewJob(jobId, UsersImportHandler.KindName, retryOf is null ? description : JobRetries.Describe(description),
            actor.Id, actor.Username, rows, input, RetryOf: retryOf, StopOnErrors: stopOnErrors), ct);
    }

    /// <summary>Drops an upload that will not become a job (the request failed half-way).</summary>
    public void Discard(ImportUpload upload) => files.Delete(upload.JobId);

    public static string Describe(string fileName, long rows) =>
        string.Create(CultureInfo.InvariantCulture, $"Import of {fileName} ({rows:N0} {(rows == 1 ? "row" : "rows")})");

    /// <summary>Only the last path segment, printable characters, at most 100 of them.</summary>
    public static string CleanFileName(string? name)
    {
        var last = Path.GetFileName((name ?? "").Replace('\\', '/'));
        var clean = new string(last.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (clean.Length > 100) clean = clean[..100];
        return clean.Length == 0 ? "upload.csv" : clean;
    }
}
