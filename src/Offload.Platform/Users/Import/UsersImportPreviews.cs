using System.Text.Json;
using Microsoft.Extensions.Options;
using Offload.Jobs;
using Offload.Platform.Branches;
using Offload.Platform.Identity;

namespace Offload.Platform.Users.Import;

/// <summary>An upload received for a preview, not yet checked.</summary>
public sealed record PreviewUpload(Guid Id, string FileName);

/// <summary>
/// Import previews (SPEC §9): the upload is received and refused exactly as the import's, then every row is
/// checked by the job's own code and every valid username looked up in batches, so the counts are the job's
/// outcome on an unchanged database. Each preview is a folder under {DataPath}/previews (the data folder is
/// shared by every node): the upload, its in-file duplicates, and preview.json. Starting one moves the folder
/// into the new job's by one rename — the claim: of two starts at once, one moves it and the other finds nothing.
/// </summary>
public sealed class UsersImportPreviews(UsersImportAction import, JobFiles files, IExistingUsernames existing, IBranchStore branches,
    JobThroughput throughput, TimeProvider clock, IOptions<ImportOptions> importOptions, IOptions<JobsOptions> jobsOptions)
{
    /// <summary>Rows a second a users.import job typically runs at before this node has run one (docs/BENCHMARKS.md: 1M rows, 60k–130k rows/s).</summary>
    public const double TypicalRowsPerSecond = 80_000;

    private const string MetaFile = "preview.json";
    private const int FirstRowCount = 10;
    private const int MaxShownValues = 32;
    private const string MaskedPassword = "••••••••";

    /// <summary>Usernames per lookup: big batches keep a million-row preview at ~50 statements.</summary>
    private const int LookupBatch = 20_000;

    private readonly string _root = Path.GetFullPath(Path.Combine(jobsOptions.Value.DataPath, "previews"));

    private string FolderOf(Guid id) => Path.Combine(_root, id.ToString("N"));

    private string PathOf(Guid id, string file) => Path.Combine(FolderOf(id), file);

    /// <summary>Streams the upload into a new preview's folder, bounded as the import's; a refused upload leaves nothing.</summary>
    public async Task<PreviewUpload> ReceiveAsync(Stream content, string? fileName, CancellationToken ct)
    {
        var id = JobQueue.NewId();
        Directory.CreateDirectory(FolderOf(id));
        try
        {
            await import.CopyUploadAsync(content, PathOf(id, UsersImportInput.UploadFile), ct);
            return new PreviewUpload(id, UsersImportAction.CleanFileName(fileName));
        }
        catch
        {
            DeleteFolder(id);
            throw;
        }
    }

    /// <summary>Drops an upload that will not become a preview (refused, or the request failed half-way).</summary>
    public void Discard(PreviewUpload upload) => DeleteFolder(upload.Id);

    /// <summary>Checks the whole upload (refusing it as the import would) and keeps what it learned for <see cref="StartAsync"/>.</summary>
    public async Task<ImportPreview> CreateAsync(PreviewUpload upload, bool updateExisting, Actor actor, CancellationToken ct)
    {
        try
        {
            var summary = await import.InspectAsync(PathOf(upload.Id, UsersImportInput.UploadFile),
                PathOf(upload.Id, UsersImportInput.DuplicatesFile), ct);
            var branchIds = (await branches.ListAsync(new ListBranchesRequest(), ct))
                .ToDictionary(b => b.Name, b => b.Id, StringComparer.OrdinalIgnoreCase);
            var now = clock.GetUtcNow();
            var preview = await Task.Run(() => CheckRowsAsync(upload, summary, branchIds, updateExisting, actor, now, ct), ct);
            await SaveAsync(preview, ct);
            return preview;
        }
        catch
        {
            Discard(upload);
            throw;
        }
    }

    /// <summary>The preview, or null when it does not exist, has expired, or is not <paramref name="actor"/>'s (a Superadmin included).</summary>
    public async Task<ImportPreview?> GetAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var preview = await ReadAsync(id, ct);
        return preview is not null && preview.OwnerId == actor.Id && preview.ExpiresAt > clock.GetUtcNow() ? preview : null;
    }

    /// <summary>Deletes the preview and its file; false when <see cref="GetAsync"/> would not find it.</summary>
    public async Task<bool> DeleteAsync(Guid id, Actor actor, CancellationToken ct)
    {
        if (await GetAsync(id, actor, ct) is null) return false;
        DeleteFolder(id);
        return true;
    }

    /// <summary>
    /// Creates the import job from the preview's file (no second upload) and consumes the preview; null when
    /// <see cref="GetAsync"/> would not find it, or another start took it first.
    /// </summary>
    public async Task<Job?> StartAsync(Guid id, StopOnErrors? stopOnErrors, Actor actor, CancellationToken ct)
    {
        if (await GetAsync(id, actor, ct) is not { } preview) return null;
        var jobId = JobQueue.NewId();
        var jobFolder = files.FolderOf(jobId);
        Directory.CreateDirectory(Path.GetDirectoryName(jobFolder)!);
        try
        {
            Directory.Move(FolderOf(id), jobFolder);
        }
        catch (IOException)
        {
            // Gone since it was read: started by a concurrent request, cancelled, or swept.
            return null;
        }
        try
        {
            return await import.EnqueueAsync(jobId, preview.FileName, preview.Rows, preview.UpdateExisting, stopOnErrors, actor, ct);
        }
        catch
        {
            files.Delete(jobId);
            throw;
        }
    }

    /// <summary>Whole seconds the import of this preview should take, from what this node has seen of imports.</summary>
    public int EstimateSeconds(ImportPreview preview) =>
        throughput.EstimateSeconds(UsersImportHandler.KindName, preview.Rows - preview.BlankRows, TypicalRowsPerSecond);

    /// <summary>Deletes every expired preview with its files; a folder without a readable preview.json counts from its creation.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        if (!Directory.Exists(_root)) return 0;
        var now = clock.GetUtcNow();
        var swept = 0;
        foreach (var folder in Directory.EnumerateDirectories(_root))
        {
            if (!Guid.TryParseExact(Path.GetFileName(folder), "N", out var id)) continue;
            var expiresAt = (await ReadAsync(id, ct))?.ExpiresAt
                            ?? new DateTimeOffset(Directory.GetCreationTimeUtc(folder), TimeSpan.Zero) + importOptions.Value.PreviewLifetime;
            if (expiresAt > now) continue;
            DeleteFolder(id);
            swept++;
        }
        return swept;
    }

    private async Task<ImportPreview> CheckRowsAsync(PreviewUpload upload, ImportFileSummary summary, IReadOnlyDictionary<string, long> branchIds,
        bool updateExisting, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        using var csv = UsersCsvFile.Open(PathOf(upload.Id, UsersImportInput.UploadFile));
        var passwordAt = UsersCsvInspector.IndexOf(csv.Header, ImportColumns.Password);
        // No hasher: the preview checks passwords but never hashes them (the slow part of a row, and no one needs the hash).
        var checker = new ImportRowChecker(new UserRowParser(csv.Header, branchIds, null, actor), summary.Duplicates);
        var tally = new ImportPreviewTally();
        var firstRows = new List<IReadOnlyList<string>>();
        var errors = new List<ItemError>();
        var valid = new List<(string Username, long Row)>(LookupBatch);
        // A batch's lookup runs while the next batch's rows are checked; its rows are decided here, on this thread,
        // when the lookup is awaited (the next full batch, or the end), so the tally is never touched by two threads.
        Task<LookedUp>? lookup = null;
        try
        {
            while (csv.TryRead(out var row))
            {
                if (firstRows.Count < FirstRowCount) firstRows.Add(Shown(row.Values, passwordAt));
                if (ImportRowChecker.IsBlank(row))
                {
                    tally.Blank++;
                    continue;
                }
                errors.Clear();
                if (checker.Check(row, errors) is { } user)
                {
                    valid.Add((user.Username, row.Number));
                    if (valid.Count < LookupBatch) continue;
                    if (lookup is not null) Decide(await lookup, updateExisting, tally);
                    // On another thread: SQLite's "async" calls run synchronously on the caller's.
                    var batch = valid;
                    lookup = Task.Run(() => LookUpAsync(batch, actor, ct), ct);
                    valid = new List<(string Username, long Row)>(LookupBatch);
                }
                else
                {
                    tally.AddErrorRow(errors);
                }
            }
            if (lookup is not null) Decide(await lookup, updateExisting, tally);
            lookup = null;
            Decide(await LookUpAsync(valid, actor, ct), updateExisting, tally);
        }
        finally
        {
            // A lookup still running when a check failed: its answer is no longer needed, only its end.
            if (lookup is not null) await lookup.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        return new ImportPreview(upload.Id, actor.Id, upload.FileName, updateExisting, csv.RowsRead, tally.Blank,
            tally.Creates, tally.Updates, tally.ErrorRows, tally.Errors, tally.Groups(), csv.Header, firstRows, now, now + importOptions.Value.PreviewLifetime);
    }

    /// <summary>A batch of valid rows and the accounts their usernames name.</summary>
    private sealed record LookedUp(List<(string Username, long Row)> Rows, Dictionary<string, ExistingAccount> Accounts);

    /// <summary>Looks a batch of valid rows' usernames up in one statement.</summary>
    private async Task<LookedUp> LookUpAsync(List<(string Username, long Row)> valid, Actor actor, CancellationToken ct)
    {
        var accounts = new Dictionary<string, ExistingAccount>(StringComparer.Ordinal);
        if (valid.Count == 0) return new LookedUp(valid, accounts);
        var names = valid.Select(v => v.Username).Distinct(StringComparer.Ordinal).ToList();
        foreach (var account in await existing.FindAsync(new ExistingUsernamesRequest(names, actor.Branches()), ct))
            accounts.TryAdd(account.Username, account);
        return new LookedUp(valid, accounts);
    }

    /// <summary>Applies the import's rule for existing usernames to each row of a looked-up batch.</summary>
    private static void Decide(LookedUp batch, bool updateExisting, ImportPreviewTally tally)
    {
        foreach (var (username, row) in batch.Rows)
        {
            switch (ExistingUserRule.Decide(batch.Accounts.GetValueOrDefault(username), updateExisting))
            {
                case ImportOutcome.Create:
                    tally.Creates++;
                    break;
                case ImportOutcome.Update:
                    tally.Updates++;
                    break;
                default:
                    tally.AddErrorRow([ExistingUserRule.Refused(row, username)]);
                    break;
            }
        }
    }

    /// <summary>A row as the preview shows it: the password masked, long values and rows cut (the page shows them, the JSON carries them).</summary>
    private static string[] Shown(string[] values, int passwordAt) =>
        values.Take(MaxShownValues)
            .Select((v, i) => i == passwordAt && v.Length > 0 ? MaskedPassword : RequestRejectedException.Quote(v))
            .ToArray();

    private async Task SaveAsync(ImportPreview preview, CancellationToken ct)
    {
        // Written aside then renamed: a reader never sees half a file.
        var path = PathOf(preview.Id, MetaFile);
        await File.WriteAllTextAsync(path + ".tmp", JsonSerializer.Serialize(preview, JsonDefaults.Options), ct);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private async Task<ImportPreview?> ReadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            return JsonSerializer.Deserialize<ImportPreview>(await File.ReadAllTextAsync(PathOf(id, MetaFile), ct), JsonDefaults.Options);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            // Not there (never finished, started, cancelled, swept): no preview.
            return null;
        }
    }

    private void DeleteFolder(Guid id)
    {
        try
        {
            Directory.Delete(FolderOf(id), recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone: a concurrent start, cancel or sweep; the outcome is the same.
        }
    }
}
