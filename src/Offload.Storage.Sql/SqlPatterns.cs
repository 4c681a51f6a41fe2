namespace Offload.Storage.Sql;

/// <summary>LIKE patterns built from what a person typed: its wildcards match only themselves.</summary>
public static class SqlPatterns
{
    /// <summary>"contains <paramref name="text"/>", with backslash escaping <c>% _ \</c> (see <see cref="SqlDialect.LikeAnyCase"/>).</summary>
    public static string Containing(string text) => "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
