using Offload.Storage.Sql.Platform;

namespace Offload.Storage.Postgres.Platform;

/// <summary>Existing usernames on PostgreSQL: the shared lookup, with one index probe per name.</summary>
public sealed class PgExistingUsernames(PostgresDatabase db) : SqlExistingUsernames(db)
{
    /// <remarks>
    /// Forced: the planner knows the array's 20,000 names and, once users holds a million rows, prefers hashing the
    /// whole table per batch (~400 ms a batch, 20 s a million-row preview). LIMIT 1 (the index is unique, so it changes
    /// nothing) keeps the lateral subquery from being flattened back into that join.
    /// </remarks>
    protected override string Match =>
        "unnest(@names) AS x(value) CROSS JOIN LATERAL (SELECT id, role FROM users WHERE lower(username) = lower(x.value) LIMIT 1) u";
}
