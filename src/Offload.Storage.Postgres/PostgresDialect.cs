using System.Data.Common;
using Offload.Storage.Sql;

namespace Offload.Storage.Postgres;

/// <summary>PostgreSQL's spelling: ids as one bigint[] (= ANY), times as timestamptz, job ids as uuid, usernames by lower().</summary>
public sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public override string InIds(string parameter) => $"= ANY({parameter})";

    public override object Ids(IEnumerable<long> ids) => ids as long[] ?? ids.ToArray();

    public override object Time(DateTimeOffset time) => time.ToUniversalTime();

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override object Key(Guid id) => id;

    public override Guid ReadKey(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    public override string True => "true";

    public override string TextOrNull(string parameter) => $"{parameter}::text";

    // The unique index is on lower(username): comparing the same way lets it serve the lookup.
    public override string SameText(string column, string parameter) => $"lower({column}) = lower({parameter})";

    public override string SkipLocked => "FOR UPDATE SKIP LOCKED";

    public override string ForUpdate => "FOR UPDATE";

    public override string NewStamp => "gen_random_uuid()::text";

    public override string Rows(string parameter, string alias) => $"unnest({parameter}) AS {alias}(value)";

    public override object Texts(IEnumerable<string> texts) => texts as string[] ?? texts.ToArray();

    public override string IdOrNull(string parameter) => $"{parameter}::bigint";

    // Backslash is LIKE's default escape on PostgreSQL.
    public override string LikeAnyCase(string column, string pattern) => $"{column} ILIKE {pattern}";

    public override string Greatest(string a, string b) => $"greatest({a}, {b})";

    public override string? Analyze(string table) => $"ANALYZE {table}";
}
