using System.Globalization;

namespace Offload.Bench.Harness;

/// <summary>Numbers as the tables show them: invariant culture, thousands separated, sensible precision.</summary>
internal static class Format
{
    public static string Ms(double ms) => ms switch
    {
        < 10 => ms.ToString("0.00", CultureInfo.InvariantCulture) + " ms",
        < 1000 => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms",
        _ => (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s",
    };

    public static string Count(double n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Rate(double perSecond) => perSecond.ToString(perSecond < 100 ? "N1" : "N0", CultureInfo.InvariantCulture) + "/s";

    public static string Ratio(double x) => x.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    public static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " MB";

    public static string Number(double x, string format = "0.0") => x.ToString(format, CultureInfo.InvariantCulture);

    public static string Verdict(bool met) => met ? "met" : "**missed**";
}
