using System.Data.Common;
using System.Text.Json;
using Offload.Storage.Sql;

namespace Offload.Storage.Sqlite;

/// <summary>SQLite's spelling: ids as one JSON array (json_each), times as Unix milliseconds, job ids as text, usernames NOCASE.</summary>
public sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    public override string InIds(string parameter) => $"IN (SELECT value FROM json_each({parameter}))";

    public override object Ids(IEnumerable<long> ids) => JsonSerializer.Serialize(ids);

    public override object Time(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public override object Key(Guid id) => id.ToString();

    public override Guid ReadKey(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal));

    public override string True => "1";

    public override string TextOrNull(string parameter) => parameter;

    // The username column is COLLATE NOCASE, so plain equality already matches the way its unique index does.
    public override string SameText(string column, string parameter) => $"{column} = {parameter}";

    public override string SkipLocked => "";

    public override string ForUpdate => "";

    public override string NewStamp => "lower(hex(randomblob(16)))";

    public override string Rows(string parameter, string alias) => $"json_each({parameter}) AS {alias}";

    public override object Texts(IEnumerable<string> texts) => JsonSerializer.Serialize(texts);

    public override string IdOrNull(string parameter) => parameter;

    // SQLite's LIKE already ignores the case of ASCII letters, as PostgreSQL's ILIKE does of all; it has no default escape.
    public override string LikeAnyCase(string column, string pattern) => $"{column} LIKE {pattern} ESCAPE '\\'";

    public override string Greatest(string a, string b) => $"max({a}, {b})";

    public override string? Analyze(string table) => null;
}
