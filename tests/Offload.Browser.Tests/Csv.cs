using System.Text;

namespace Offload.Browser.Tests;

/// <summary>User-import files for the tests.</summary>
internal static class Csv
{
    /// <summary>Valid rows "{prefix}{i},{prefix}{i}@example.com": paced by <see cref="LiveApp"/>, thousands of rows take seconds.</summary>
    /// <param name="branch">For a Power User's import: rows outside their branches would be errors.</param>
    public static string Users(string prefix, int rows, string branch = "", params string[] extraLines)
    {
        var csv = new StringBuilder("username,email,branch\n");
        for (var i = 1; i <= rows; i++)
            csv.Append(prefix).Append(i).Append(',').Append(prefix).Append(i).Append("@example.com,").Append(branch).Append('\n');
        foreach (var line in extraLines) csv.Append(line).Append('\n');
        return csv.ToString();
    }
}
