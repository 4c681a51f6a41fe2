using System.Globalization;
using System.Text;

namespace Offload.Web.Hosting;

/// <summary>--demo: sample CSVs under {DataPath}/samples to try the import with.</summary>
internal static class DemoData
{
    public static async Task WriteSamplesAsync(string dataPath, TextWriter console)
    {
        var folder = Path.Combine(dataPath, "samples");
        Directory.CreateDirectory(folder);
        var good = new StringBuilder("username,email,firstname,lastname,language,active\n");
        for (var i = 1; i <= 1000; i++)
            good.Append(CultureInfo.InvariantCulture, $"demo{i:0000},demo{i:0000}@example.com,Demo,User {i},{(i % 3 == 0 ? "fr" : "en")},yes\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "users-1000.csv"), good.ToString());
        await File.WriteAllTextAsync(Path.Combine(folder, "users-with-errors.csv"), """
            username;email;firstname;lastname;language
            marie.curie;marie@example.com;Marie;Curie;fr
            bad email;not-an-email;Bad;Row;en
            marie.curie;again@example.com;Marie;Again;fr
            ada;ada@example.com;Ada;Lovelace;de
            =cmd;formula@example.com;=1+1;x;en

            """);
        await console.WriteLineAsync($"Demo samples written to {Path.GetFullPath(folder)}");
    }
}
