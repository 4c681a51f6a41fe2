using System.Data.Common;

namespace Offload.Storage.Sql;

/// <summary>
/// What SQLite and PostgreSQL spell differently, and nothing else: the shared stores write their SQL once
/// and ask the dialect for these pieces. A difference that is more than a spelling (the claim, the chunk
/// commit, bulk writes, the listener) is not a dialect member: it stays in its driver.
/// </summary>
public abstract class SqlDialect
{
    // ---- id lists: one parameter, never spliced SQL, no limit on its length

    /// <summary>"the column is one of the ids in <paramref name="parameter"/>": <c>IN (SELECT value FROM json_each(@p))</c> or <c>= ANY(@p)</c>.</summary>
    public abstract string InIds(string parameter);

    /// <summary>The value of an id-list parameter used with <see cref="InIds"/>.</summary>
    public abstract object Ids(IEnumerable<long> ids);

    // ---- value encoding: what a column stores and how it reads back

    /// <summary>A time as stored (SQLite: Unix milliseconds; PostgreSQL: timestamptz in UTC).</summary>
    public abstract object Time(DateTimeOffset time);

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>A job id as stored (SQLite: text; PostgreSQL: uuid).</summary>
    public abstract object Key(Guid id);

    public abstract Guid ReadKey(DbDataReader reader, int ordinal);

    /// <summary>The literal for true in SQL text (<c>1</c> or <c>true</c>).</summary>
    public abstract string True { get; }

    // ---- matching and locking

    /// <summary>Case-insensitive equality of a text column and a parameter, the way the database's unique index compares usernames.</summary>
    public abstract string SameText(string column, string parameter);

    /// <summary>Appended to a SELECT whose rows a concurrent writer may also want: PostgreSQL's <c>FOR UPDATE SKIP LOCKED</c>; nothing on SQLite, whose writers take turns.</summary>
    public abstract string SkipLocked { get; }

    /// <summary>Appended to a SELECT whose rows must stay as read until the transaction ends: <c>FOR UPDATE</c>; nothing on SQLite.</summary>
    public abstract string ForUpdate { get; }

    /// <summary>A fresh random security stamp, made by the database so a set-based statement gives each row its own.</summary>
    public abstract string NewStamp { get; }

    // ---- functions

    /// <summary>The larger of two values of a row: <c>max(a, b)</c> on SQLite, <c>greatest(a, b)</c> on PostgreSQL.</summary>
    public abstract string Greatest(string a, string b);

    // ---- lists as tables, nullable parameters, patterns

    /// <summary>The elements of a list parameter (<see cref="Ids"/> or <see cref="Texts"/>) as rows of a table <paramref name="alias"/> with one column, <c>value</c>.</summary>
    public abstract string Rows(string parameter, string alias);

    /// <summary>The value of a text-list parameter used with <see cref="Rows"/>.</summary>
    public abstract object Texts(IEnumerable<string> texts);

    /// <summary>A text parameter that may be null: PostgreSQL must be told its type (<c>@p::text</c>) to compare it with NULL.</summary>
    public abstract string TextOrNull(string parameter);

    /// <summary>An id parameter that may be null: PostgreSQL must be told its type (<c>@p::bigint</c>) to compare it with NULL.</summary>
    public abstract string IdOrNull(string parameter);

    /// <summary>Whether text <paramref name="column"/> matches LIKE pattern <paramref name="pattern"/> (backslash escapes) in any case.</summary>
    public abstract string LikeAnyCase(string column, string pattern);

    // ---- the planner

    /// <summary>
    /// Refreshes the planner's statistics of <paramref name="table"/> (PostgreSQL: <c>ANALYZE</c>, a 30,000-row sample);
    /// null on SQLite, whose planner keeps none that a bulk change can make wrong (no sqlite_stat1 is ever written).
    /// </summary>
    public abstract string? Analyze(string table);
}
