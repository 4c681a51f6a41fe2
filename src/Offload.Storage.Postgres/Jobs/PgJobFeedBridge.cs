using Microsoft.Extensions.Logging;
using Npgsql;
using Offload.Jobs;
using Offload.Storage.Sql.Jobs;

namespace Offload.Storage.Postgres.Jobs;

/// <summary>
/// Job changes between nodes that cannot LISTEN (<see cref="PostgresDatabase.CanListen"/>: a transaction pooler and no
/// ConnectionStrings:OffloadListen): what NOTIFY would carry goes into job_change_feed, and each node reads what is new
/// every <see cref="Interval"/>. Every node of one database must then use it: a node that LISTENs only NOTIFYs.
/// </summary>
public sealed class PgJobFeedBridge(PostgresDatabase db, JobEvents events, JobSignal signal, ILogger<PgJobFeedBridge> logger)
    : JobChangeRelay(events, signal, logger)
{
    /// <summary>How often a node reads the feed: what a wake-up or a live update from another node waits at most, plus the read.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Each read takes the last seconds again, not only seq &gt; the highest seen: an identity value is taken before its
    /// insert commits, so a lower one can become visible after a higher one was read.
    /// </summary>
    private const string Read = """
        SELECT seq, payload FROM job_change_feed WHERE created_at > now() - interval '2 seconds' ORDER BY seq
        """;

    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);

    /// <summary>The seqs the last read returned; null until the first read, whose rows are history, not news.</summary>
    private HashSet<long>? _seen;

    protected override Task ListenAsync(CancellationToken ct) =>
        KeepListeningAsync(async ct =>
        {
            var pruned = DateTime.UtcNow;
            while (!ct.IsCancellationRequested)
            {
                var rows = await db.StatementAsync(c => ReadAsync(c, ct), ct);
                foreach (var (seq, payload) in rows)
                    if (_seen is not null && !_seen.Contains(seq)) Receive(payload);
                // A row the window no longer returns never comes back: what was seen is only what this read returned.
                var first = _seen is null;
                _seen = [.. rows.Select(r => r.Seq)];
                if (first) Listening();
                if (DateTime.UtcNow - pruned > PruneEvery)
                {
                    await db.StatementAsync(c => PruneAsync(c, ct), ct);
                    pruned = DateTime.UtcNow;
                }
                await Task.Delay(Interval, ct);
            }
        }, "Could not read the job change feed; trying again", ct);

    protected override async Task NotifyAsync(string[] payloads, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var insert = new NpgsqlCommand("INSERT INTO job_change_feed (payload) SELECT unnest(@payloads)", connection);
        insert.Parameters.AddWithValue("payloads", payloads);
        await insert.ExecuteNonQueryAsync(ct);
    }

    private static async Task<List<(long Seq, string Payload)>> ReadAsync(NpgsqlConnection c, CancellationToken ct)
    {
        await using var read = new NpgsqlCommand(Read, c);
        await using var reader = await read.ExecuteReaderAsync(ct);
        var rows = new List<(long, string)>();
        while (await reader.ReadAsync(ct)) rows.Add((reader.GetInt64(0), reader.GetString(1)));
        return rows;
    }

    /// <summary>Every polling node prunes; the rows are a minute old, long read by everyone.</summary>
    private static async Task<int> PruneAsync(NpgsqlConnection c, CancellationToken ct)
    {
        await using var prune = new NpgsqlCommand("DELETE FROM job_change_feed WHERE created_at < now() - interval '1 minute'", c);
        return await prune.ExecuteNonQueryAsync(ct);
    }
}
