using System.Collections.Concurrent;
using System.Globalization;
using Offload.Jobs;
using Offload.Platform.Users;

namespace Offload.Storage.Contract;

/// <summary>
/// "test.users": item n creates user "u{n}" through the real user port, so exactly-once is checked on
/// real rows. Behaviour per job (slow chunks, failures) is set through <see cref="Script"/>.
/// </summary>
public sealed class TestUsersHandler(IUserStore users, TimeProvider clock) : IJobHandler
{
    public const string KindName = "test.users";

    public string Kind => KindName;

    public ConcurrentDictionary<string, HandlerScript> Script { get; } = new();

    public async Task<Checkpoint> ProcessChunkAsync(JobContext job, Checkpoint from, ChunkTransaction tx, CancellationToken ct)
    {
        var script = Script.GetValueOrDefault(job.Job.Input) ?? new HandlerScript();
        if (script.FailuresLeft > 0)
        {
            script.FailuresLeft--;
            throw new IOException($"Simulated fault at item {from.Processed}");
        }
        if (script.ConnectionLossesLeft > 0)
        {
            script.ConnectionLossesLeft--;
            throw new ConnectionLost();
        }
        if (script.ChunkDelay > TimeSpan.Zero) await Task.Delay(script.ChunkDelay, ct);
        var count = (int)Math.Min(script.ChunkSize, job.Job.Total - from.Processed);
        var rows = Enumerable.Range(0, count)
            .Select(i => new ImportedUser($"{job.Job.Input}-u{(from.Processed + i).ToString(CultureInfo.InvariantCulture)}",
                "u@example.com", null, null, null, null, null, null))
            .ToList();
        // Every ErrorEvery-th item is refused with an error row instead of imported: a job with errors of its own.
        bool Refused(int i) => script.ErrorEvery > 0 && (from.Processed + i + 1) % script.ErrorEvery == 0;
        var written = await users.ImportAsync(new ImportUsersRequest([.. rows.Where((_, i) => !Refused(i))], false, clock.GetUtcNow()), tx, ct);
        for (int i = 0, w = 0; i < count; i++)
        {
            if (Refused(i)) tx.AddError(new ItemError(from.Processed + i + 1, "username", "refused by the script", rows[i].Username));
            else if (!written[w++].Written) tx.AddError(new ItemError(from.Processed + i + 1, "username", "applied twice", rows[i].Username));
        }
        return new Checkpoint(from.Processed + count);
    }
}

/// <summary>How the test handler behaves for one job (keyed by the job's input).</summary>
public sealed class HandlerScript
{
    public int ChunkSize { get; init; } = 10;
    public TimeSpan ChunkDelay { get; init; }
    public int FailuresLeft { get; set; }

    /// <summary>When set, items whose row number is a multiple of it get an error row and are not imported.</summary>
    public int ErrorEvery { get; init; }

    /// <summary>Chunks that fail as if the database had gone away (a restart) before they succeed.</summary>
    public int ConnectionLossesLeft { get; set; }
}

/// <summary>What a driver throws when the server cut the connection: a transient database error.</summary>
public sealed class ConnectionLost() : System.Data.Common.DbException("Simulated loss of the database connection")
{
    public override bool IsTransient => true;
}
