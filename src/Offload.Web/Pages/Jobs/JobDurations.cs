using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Offload.Web.Pages.Jobs;

/// <summary>How long, in words a person reads at a glance: seconds under a minute, minutes and seconds under an hour, then hours and minutes.</summary>
internal static class JobDurations
{
    public static string Format(IStringLocalizer t, long seconds)
    {
        seconds = Math.Max(0, seconds);
        return seconds switch
        {
            < 60 => t["{0} s", N(seconds)],
            < 3600 => t["{0} min {1} s", N(seconds / 60), N(seconds % 60)],
            _ => t["{0} h {1} min", N(seconds / 3600), N(seconds % 3600 / 60)],
        };
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.CurrentCulture);
}
