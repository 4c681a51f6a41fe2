using System.Reflection;

namespace Offload.Jobs.Storage;

/// <summary>A driver's numbered SQL files (Migrations/NNNN_name.sql, embedded as "Migrations.NNNN_name.sql"), in order.</summary>
public static class EmbeddedMigrations
{
    public static IEnumerable<(long Version, string Sql)> Read(Assembly assembly)
    {
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Migrations.", StringComparison.Ordinal)).Order())
        {
            var version = long.Parse(name["Migrations.".Length..].Split('_')[0], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (version, reader.ReadToEnd());
        }
    }
}
