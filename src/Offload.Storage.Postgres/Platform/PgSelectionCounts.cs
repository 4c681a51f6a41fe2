using System.Data.Common;
using Dapper;
using Offload.Storage.Sql.Platform;

namespace Offload.Storage.Postgres.Platform;

/// <summary>Selection counts on PostgreSQL: the shared SQL, run with the planner settings that suit a million-row count.</summary>
public sealed class PgSelectionCounts(PostgresDatabase db) : SqlSelectionCounts(db)
{
    /// <remarks>
    /// A million-row count may cost enough for PostgreSQL to JIT-compile it, and compiling took longer (~230 ms) than it
    /// saved. Parallel workers did not pay either on two cores: for 1M users, a parallel hash join with a course's
    /// enrollments took 1.2 s where the serial merge join through users_selection took 0.4 s (the plain count 0.6 s against 0.4 s).
    /// </remarks>
    protected override async Task<DbTransaction?> BeginAsync(DbConnection c, CancellationToken ct)
    {
        var tx = await c.BeginTransactionAsync(ct);
        await c.ExecuteAsync("SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0", transaction: tx);
        return tx;
    }
}
