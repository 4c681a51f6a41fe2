using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Identity;
using Offload.Platform.Notifications;
using Offload.Platform.Selection;
using Offload.Platform.Users.Import;

namespace Offload.Platform.MassActions;

/// <summary>
/// A finished job's failed items (SPEC §10): the failed-rows file, and "Retry failed items" — a new job of the same kind
/// and options over exactly those items, owned by whoever asked, its rules checked again with their rights when it runs. A retry
/// keeps the original's error-rate stop: it is the same action on the same kind of input, and its owner chose that rule for it.
/// </summary>
public sealed class JobRetries(IJobMonitor monitor, JobFiles files, UsersImportAction imports, SelectionJobs selections, JobDescriptions descriptions)
{
    /// <summary>A retry's stored English description, from the one its kind would have.</summary>
    public static string Describe(string english) => "Retry of failed items: " + english;

    /// <summary>
    /// What writes the failed-rows file of a finished job to a stream (returning its row count): an import's own rows plus
    /// <c>error</c>, else <c>userId,username,error</c>. Its input is found first, so a refusal comes before any byte.
    /// </summary>
    /// <exception cref="RequestRejectedException">409: the job's input is gone, or it is of a kind without items.</exception>
    public Func<Stream, CancellationToken, Task<long>> FailedRowsFile(Job job)
    {
        if (IsImport(job))
        {
            var upload = InputOf(job, UsersImportInput.UploadFile);
            return (output, ct) => FailedImportRows.WriteAsync(upload, Errors(job, ct), output, ct);
        }
        var selection = InputOf(job, SelectionFile.FileName);
        return (output, ct) => FailedSelectionRows.WriteAsync(selection, Errors(job, ct), output, ct);
    }

    /// <summary>How many items a retry of <paramref name="job"/> would run again (its rows with at least one error).</summary>
    public async Task<long> CountFailedAsync(Job job, CancellationToken ct)
    {
        long count = 0;
        await foreach (var _ in Errors(job, ct).ByRow(ct)) count++;
        return count;
    }

    /// <summary>Starts the retry of <paramref name="job"/>'s failed items, owned by <paramref name="actor"/>.</summary>
    /// <exception cref="RequestRejectedException">409 when <see cref="JobFollowUps.CanRetry"/> says no, or nothing is left to retry.</exception>
    public async Task<Job> RetryAsync(Job job, Actor actor, CancellationToken ct)
    {
        if (!JobFollowUps.CanRetry(job))
            throw new RequestRejectedException("This job cannot be retried",
                "Only a finished job with failed items can be retried, and never an undo.", "id", 409);
        if (IsImport(job)) return await RetryImportAsync(job, actor, ct);
        var ids = await FailedSelectionRows.ReadIdsAsync(InputOf(job, SelectionFile.FileName), Errors(job, ct), ct);
        if (ids.Count == 0) throw NothingToRetry();
        var input = WithActor(job.Input, actor);
        var description = English(job with { Total = ids.Count, Input = input, RetryOf = job.Id, UndoOf = null });
        return await selections.StartRetryAsync(job.Kind, description, ids, actor, input, job.Id, job.StopOnErrors, ct);
    }

    /// <summary>The failed rows become a new upload (its own failed-rows file), taken into a job the way every upload is.</summary>
    private async Task<Job> RetryImportAsync(Job job, Actor actor, CancellationToken ct)
    {
        var original = JsonSerializer.Deserialize<UsersImportInput>(job.Input, JsonDefaults.Options)
                       ?? throw new InvalidDataException("The job's input is empty.");
        var upload = InputOf(job, UsersImportInput.UploadFile);
        var id = JobQueue.NewId();
        try
        {
            long rows, bytes;
            await using (var file = new FileStream(files.PathOf(id, UsersImportInput.UploadFile), FileMode.CreateNew, FileAccess.Write, FileShare.None,
                             1 << 16, useAsync: true))
            {
                rows = await FailedImportRows.WriteAsync(upload, Errors(job, ct), file, ct);
                bytes = file.Length;
            }
            if (rows == 0) throw NothingToRetry();
            return await imports.StartAsync(new ImportUpload(id, original.FileName, bytes), original.UpdateExisting, job.StopOnErrors, actor, ct, job.Id);
        }
        catch
        {
            files.Delete(id);
            throw;
        }
    }

    private IAsyncEnumerable<ItemError> Errors(Job job, CancellationToken ct) => monitor.ReadErrorsAsync(new ReadErrorsRequest(job.Id), ct);

    private static bool IsImport(Job job) => job.Kind == UsersImportHandler.KindName;

    /// <summary>A file the job was given when it was created; a job without it (a kind with no items, a folder removed) has nothing to list.</summary>
    private string InputOf(Job job, string fileName)
    {
        var path = Path.Combine(files.FolderOf(job.Id), fileName);
        return File.Exists(path) ? path : throw NothingToRetry();
    }

    private static RequestRejectedException NothingToRetry() => new("This job's failed items cannot be found",
        "Its input is no longer on this server, or it is not a job on items.", "id", 409);

    /// <summary>The same options with the caller as actor: the retry acts with the rights of whoever asks for it.</summary>
    private static string WithActor(string input, Actor actor)
    {
        var node = JsonNode.Parse(input)?.AsObject() ?? throw new InvalidDataException("The job's input is empty.");
        node[nameof(ISelectionJobInput.Actor).ToLowerInvariant()] = JsonSerializer.SerializeToNode(actor, JsonDefaults.Options);
        return node.ToJsonString(JsonDefaults.Options);
    }

    /// <summary>The description as stored (English, invariant numbers), as <see cref="JobDescriptions"/> words it for a retry.</summary>
    private string English(Job candidate)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            return descriptions.For(candidate);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }
}
