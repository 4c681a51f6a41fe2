using System.Data.Common;
using Offload.Jobs.Audit;
using Offload.Jobs.Storage;

namespace Offload.Storage.Sql.Jobs;

/// <summary>
/// Writes an action's audit entry inside the transaction (or the one statement) that performs the action, so an action
/// never commits without its entry and a refused one leaves none.
/// </summary>
public static class SqlAudit
{
    private const string Into = "INSERT INTO job_audit (at, actor_id, actor_name, action, job_id, owner_id, owner_name, new_job_id)";

    private const string InsertSql = $"{Into} VALUES (@auditAt, @auditActor, @auditActorName, @auditAction, @auditJob, @auditOwner, @auditOwnerName, @auditNewJob)";

    /// <summary>The entry of a job's abort or delete, whose owner the action's statement read.</summary>
    public static async Task WriteAsync(DbConnection c, DbTransaction tx, SqlDialect d, string action, DateTimeOffset at, AuditUser actor,
        Guid jobId, AuditUser owner, CancellationToken ct)
    {
        await using var insert = c.Command(InsertSql, tx,
            ("@auditAt", d.Time(at)), ("@auditActor", actor.Id), ("@auditActorName", actor.Username), ("@auditAction", action),
            ("@auditJob", d.Key(jobId)), ("@auditOwner", owner.Id), ("@auditOwnerName", owner.Username), ("@auditNewJob", null));
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The entry of an enqueue (<see cref="IJobStore.EnqueueAsync"/>), as one INSERT that runs after the job's own, in its
    /// transaction or its statement, with the enqueue's parameters and <see cref="EnqueueParameters"/>. A retry's or an undo's
    /// owner is the followed-up job's, read from its row: when that row is gone the owner is null and the NOT NULL
    /// column refuses the entry, and with it the whole enqueue.
    /// </summary>
    public static string EnqueueSql(EnqueueRequest r) => r.RetryOf is null && r.UndoOf is null
        ? $"{Into} VALUES (@now, @owner, @ownerName, @auditAction, @id, @owner, @ownerName, NULL)"
        : $"""
          {Into} VALUES (@now, @owner, @ownerName, @auditAction, @auditJob,
              (SELECT owner_id FROM jobs WHERE id = @auditJob), (SELECT owner_name FROM jobs WHERE id = @auditJob), @id)
          """;

    public static (string, object?)[] EnqueueParameters(EnqueueRequest r, SqlDialect d) =>
        r.RetryOf is null && r.UndoOf is null
            ? [("@auditAction", AuditActions.Start)]
            : [("@auditAction", r.RetryOf is null ? AuditActions.Undo : AuditActions.Retry), ("@auditJob", d.Key((r.RetryOf ?? r.UndoOf)!.Value))];
}
