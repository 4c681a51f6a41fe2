using System.Data.Common;
using Offload.Storage.Sql;
using Offload.Storage.Sql.Jobs;

namespace Offload.Storage.Postgres.Jobs;

/// <summary>
/// PostgreSQL's text search: ILIKE, which the trigram index (jobs_by_text) serves when the text is rare; the planner
/// weighs it against walking the newest jobs in order from the column's statistics.
/// </summary>
internal sealed class PgJobTextSearch : SqlJobTextSearch
{
    public override Task<SqlCondition> MatchAsync(DbConnection c, string text, CancellationToken ct) =>
        Task.FromResult(new SqlCondition(PostgresDialect.Instance.LikeAnyCase("description", "@text"), [("@text", SqlPatterns.Containing(text))]));
}
