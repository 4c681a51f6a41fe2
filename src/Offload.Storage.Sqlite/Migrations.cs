namespace Offload.Storage.Sqlite;

/// <summary>The numbered SQL files embedded in this assembly (Migrations/NNNN_name.sql).</summary>
internal static class Migrations
{
    public static IEnumerable<(long Version, string Sql)> All()
    {
        var assembly = typeof(Migrations).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Migrations.", StringComparison.Ordinal)).Order())
        {
            var version = long.Parse(name["Migrations.".Length..].Split('_')[0]);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (version, reader.ReadToEnd());
        }
    }
}
