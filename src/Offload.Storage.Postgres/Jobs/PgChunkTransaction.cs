using Npgsql;
using NpgsqlTypes;
using Offload.Jobs;
using Offload.Jobs.Completion;
using Offload.Jobs.Storage;
using Offload.Storage.Sql;
using Offload.Storage.Sql.Jobs;

namespace Offload.Storage.Postgres.Jobs;

/// <summary>
/// A chunk's transaction on PostgreSQL: effects, error rows (one unnest insert), their groups by reason (one unnest
/// upsert) and checkpoint commit together.
/// The commit is one round trip: error rows, the guarded checkpoint and COMMIT go as one batch, and a failed
/// guard aborts the transaction before its COMMIT runs (<c>offload_lease_lost()</c>, migration 0004). It took two
/// or three (errors, checkpoint, COMMIT); tiny jobs went from ~1,800/s to ~2,250/s back to back.
/// The guard is a compare-and-set on the lease and on the checkpoint the chunk started from (<paramref name="from"/>):
/// when the connection drops after COMMIT was sent, the worker cannot know whether it landed and runs the chunk
/// again; if it had landed, the replay's guard matches no row and the replay is rolled back
/// (<c>offload_checkpoint_moved()</c>, migration 0006), so a chunk is applied once, never twice.
/// </summary>
internal sealed class PgChunkTransaction(SqlWrite<NpgsqlConnection, NpgsqlTransaction> write, Guid jobId, string workerId, Checkpoint from)
    : SqlChunkTransaction<NpgsqlConnection, NpgsqlTransaction>(write, PostgresDialect.Instance, jobId, workerId, from)
{
    /// <summary>The SQLSTATE <c>offload_lease_lost()</c> raises.</summary>
    private const string LeaseLostState = "OF001";

    /// <summary>The SQLSTATE <c>offload_checkpoint_moved()</c> raises.</summary>
    private const string CheckpointMovedState = "OF002";

    /// <summary>What the guard checks besides the job's id: its lease, and that it is still where the chunk started.</summary>
    private const string Guard = """
        lease_owner = @worker AND status IN ('running', 'aborting')
                  AND processed = @fromProcessed AND checkpoint_state IS NOT DISTINCT FROM @fromState::text
        """;

    /// <summary>
    /// The status the guarded update left (its CTE is "ended", as in <see cref="PgCompletion.AfterUpdate"/>) or, when
    /// it matched no row, the error that says why. COALESCE evaluates its second argument only then: a commit that
    /// passes its guard pays nothing for telling the two refusals apart.
    /// </summary>
    private const string StatusOrRefusal = """
        SELECT COALESCE((SELECT status FROM ended),
            CASE WHEN EXISTS (SELECT 1 FROM jobs WHERE id = @id AND lease_owner = @worker AND status IN ('running', 'aborting'))
                 THEN offload_checkpoint_moved() ELSE offload_lease_lost() END)
        """;

    /// <summary>The Npgsql connection and transaction of a chunk this store opened, for the driver's own SQL (COPY, batches).</summary>
    public static SqlWrite<NpgsqlConnection, NpgsqlTransaction> Of(ChunkTransaction tx) => WriteOf<PgChunkTransaction>(tx);

    public override async Task<ChunkCommit> CommitAsync(Checkpoint next, CancellationToken ct)
    {
        // The guard: only the lease holder may move the checkpoint, and only from where this chunk started.
        var (status, refused) = await CommitGuardedAsync(PgCommands.BatchCommand($"""
            WITH ended AS (
                UPDATE jobs SET processed = @processed, checkpoint_state = @state::text, error_count = error_count + @errors, failed_items = failed_items + @failed,
                                has_result = has_result OR @result
                WHERE id = @id AND {Guard}
                RETURNING {JobRows.LeaseStatus} AS status)
            {StatusOrRefusal}
            """, CheckpointParameters(next)), ct);
        return status is null ? refused : JobRows.CommittedAs(status);
    }

    public override async Task<ChunkCommit> CommitLastAsync(Checkpoint next, JobCompletion completion, DateTimeOffset now, CancellationToken ct)
    {
        // The same guard as every chunk, plus the finish: a running job completes here, with its notice and mail
        // (written only when the job row was); an aborting one only moves its checkpoint, for the runner to end it.
        var (status, refused) = await CommitGuardedAsync(PgCommands.BatchCommand(PgCompletion.AfterUpdate($"""
            UPDATE jobs SET processed = @processed, checkpoint_state = @state::text, error_count = error_count + @errors, failed_items = failed_items + @failed,
                            has_result = has_result OR @result,
                            status = CASE status WHEN 'running' THEN 'completed' ELSE status END,
                            finished_at = CASE status WHEN 'running' THEN @now ELSE finished_at END,
                            failure_reason = CASE status WHEN 'running' THEN NULL ELSE failure_reason END,
                            lease_owner = CASE status WHEN 'running' THEN NULL ELSE lease_owner END,
                            lease_expires_at = CASE status WHEN 'running' THEN NULL ELSE lease_expires_at END
            WHERE id = @id AND {Guard}
            RETURNING id, status
            """, completion, StatusOrRefusal, endedWhen: "status = 'completed'"),
            [.. CheckpointParameters(next), ("@now", now), .. PgCompletion.Parameters(completion)]), ct);
        return status switch
        {
            null => refused,
            "completed" => ChunkCommit.Completed,
            _ => ChunkCommit.CommittedAbortRequested,
        };
    }

    /// <summary>Error rows and their groups, <paramref name="guarded"/> and COMMIT in one round trip; the status it read, or null (rolled back) and why.</summary>
    private async Task<(string? Status, ChunkCommit Refused)> CommitGuardedAsync(NpgsqlBatchCommand guarded, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(Write.Connection, Write.Transaction);
        if (Errors.Count > 0)
        {
            batch.BatchCommands.Add(ErrorRows());
            batch.BatchCommands.Add(ErrorGroups());
        }
        batch.BatchCommands.Add(guarded);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        try
        {
            return ((string?)await batch.ExecuteScalarAsync(ct), default);
        }
        catch (PostgresException e) when (e.SqlState is LeaseLostState or CheckpointMovedState)
        {
            await Write.Transaction.RollbackAsync(ct);
            return (null, e.SqlState == LeaseLostState ? ChunkCommit.LeaseLost : ChunkCommit.CheckpointMoved);
        }
    }

    private NpgsqlBatchCommand ErrorRows()
    {
        var insert = PgCommands.BatchCommand("""
            INSERT INTO job_errors (job_id, row, field, message, value)
            SELECT @job, r, f, m, v FROM unnest(@rows, @fields, @messages, @values) AS e(r, f, m, v)
            """, ("@job", JobId));
        insert.Parameters.AddWithValue("@rows", Errors.Select(e => e.Row).ToArray());
        insert.Parameters.AddWithValue("@fields", Errors.Select(e => e.Field).ToArray());
        insert.Parameters.AddWithValue("@messages", Errors.Select(e => e.Message).ToArray());
        insert.Parameters.Add(new NpgsqlParameter("@values", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = Errors.Select(e => e.Value).ToArray() });
        return insert;
    }

    /// <summary>
    /// Adds the chunk's count of each reason to its group, and keeps the first rows of both lists; a group whose
    /// samples are full and all before the chunk's rows (later chunks hold later rows) keeps them without merging.
    /// </summary>
    private static readonly string GroupUpsert = $"""
        INSERT INTO job_error_groups (job_id, field, message, count, sample_rows)
        SELECT @job, f, m, n, s FROM unnest(@fields, @messages, @counts, @samples) AS g(f, m, n, s)
        ON CONFLICT (job_id, field, message) DO UPDATE SET count = job_error_groups.count + excluded.count,
            sample_rows = CASE
                WHEN json_array_length(job_error_groups.sample_rows::json) >= {ErrorGroup.SampleRowCount}
                     AND (job_error_groups.sample_rows::json ->> {ErrorGroup.SampleRowCount - 1})::bigint < (excluded.sample_rows::json ->> 0)::bigint
                THEN job_error_groups.sample_rows
                ELSE (SELECT json_agg(r ORDER BY r)::text FROM (
                        SELECT r::bigint AS r FROM json_array_elements_text(job_error_groups.sample_rows::json) AS o(r)
                        UNION SELECT r::bigint FROM json_array_elements_text(excluded.sample_rows::json) AS n(r)
                        ORDER BY r LIMIT {ErrorGroup.SampleRowCount}) AS first)
            END
        """;

    /// <summary>One upsert of every reason the chunk's errors have (grouped in memory: one row per reason).</summary>
    private NpgsqlBatchCommand ErrorGroups()
    {
        var groups = GroupErrors();
        var upsert = PgCommands.BatchCommand(GroupUpsert, ("@job", JobId));
        upsert.Parameters.AddWithValue("@fields", groups.Select(g => g.Field).ToArray());
        upsert.Parameters.AddWithValue("@messages", groups.Select(g => g.Message).ToArray());
        upsert.Parameters.AddWithValue("@counts", groups.Select(g => g.Count).ToArray());
        upsert.Parameters.AddWithValue("@samples", groups.Select(g => g.SampleRows).ToArray());
        return upsert;
    }
}
