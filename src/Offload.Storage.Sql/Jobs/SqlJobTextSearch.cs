using System.Data.Common;

namespace Offload.Storage.Sql.Jobs;

/// <summary>
/// How a driver finds the jobs whose description contains a text (the list's <c>q</c>): a condition on <c>jobs</c>
/// for the list's query, chosen so its first page is quick whether the text is rare or everywhere.
/// </summary>
public abstract class SqlJobTextSearch
{
    /// <summary>The condition (and its parameters) keeping the jobs whose description contains <paramref name="text"/> in any case.</summary>
    public abstract Task<SqlCondition> MatchAsync(DbConnection c, string text, CancellationToken ct);
}

/// <summary>A piece of a WHERE clause and the parameters it names.</summary>
public sealed record SqlCondition(string Condition, IReadOnlyList<(string Name, object? Value)> Arguments);
