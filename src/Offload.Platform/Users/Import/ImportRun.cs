using Offload.Jobs;

namespace Offload.Platform.Users.Import;

/// <summary>One chunk's worth of the upload, read and checked: the users to write and the rows' errors so far.</summary>
internal sealed class ParsedRows
{
    public List<ImportedUser> Users { get; } = [];

    /// <summary>The row number of each of <see cref="Users"/>, for the errors the write may add.</summary>
    public List<long> RowNumbers { get; } = [];

    public List<ItemError> Errors { get; } = [];

    /// <summary>Data rows read up to the end of this chunk: its checkpoint.</summary>
    public long End { get; set; }
}

/// <summary>
/// An open upload positioned at the checkpoint, kept between chunks of one run. While a chunk writes, the
/// next chunk's rows are already read and checked (and their passwords hashed) on another thread, so the
/// CSV work no longer waits for the database nor the database for it. The read-ahead lives only in memory:
/// the checkpoint still moves only with a committed chunk, and a failed chunk drops the whole run.
/// </summary>
internal sealed class ImportRun(UsersImportInput input, UsersCsvFile csv, ImportRowChecker checker, long position) : IAsyncDisposable
{
    private Task<ParsedRows>? _ahead;

    public UsersImportInput Input { get; } = input;

    /// <summary>Where the next chunk starts: the rows handed out so far.</summary>
    public long Position { get; private set; } = position;

    /// <summary>The next chunk's rows, each chunk as long as the job's chunk budget allows; starts reading the one after.</summary>
    public async Task<ParsedRows> NextAsync(JobContext job)
    {
        var rows = _ahead is null ? Read(job.StartChunk(Position)) : await _ahead;
        _ahead = rows.End < job.Job.Total ? Task.Run(() => Read(job.StartChunk(rows.End))) : null;
        Position = rows.End;
        return rows;
    }

    private ParsedRows Read(ChunkBudget budget)
    {
        var parsed = new ParsedRows();
        var taken = 0;
        while (budget.Allows(taken) && csv.TryRead(out var row))
        {
            taken++;
            if (ImportRowChecker.IsBlank(row)) continue;
            if (checker.Check(row, parsed.Errors) is { } user)
            {
                parsed.Users.Add(user);
                parsed.RowNumbers.Add(row.Number);
            }
        }
        parsed.End = csv.RowsRead;
        return parsed;
    }

    public async ValueTask DisposeAsync()
    {
        // The read-ahead still uses the file: let it finish (one chunk budget at most) before closing it.
        if (_ahead is not null)
        {
            try
            {
                await _ahead;
            }
            catch (Exception)
            {
                // The run is ending anyway; a retry reads these rows again from the checkpoint.
            }
        }
        csv.Dispose();
    }
}
