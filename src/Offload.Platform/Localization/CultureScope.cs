using System.Globalization;

namespace Offload.Platform.Localization;

/// <summary>
/// Runs a piece of work in someone else's language: a job's mail is composed on a worker thread for its owner,
/// not for whoever's request happens to be running, and the localizer and number formats read the current culture.
/// </summary>
public readonly struct CultureScope : IDisposable
{
    private readonly CultureInfo _culture;
    private readonly CultureInfo _uiCulture;

    private CultureScope(CultureInfo culture, CultureInfo uiCulture) => (_culture, _uiCulture) = (culture, uiCulture);

    /// <summary>"fr" or "en" as users store it; anything else reads as English, the default language.</summary>
    public static CultureScope Use(string? language)
    {
        var scope = new CultureScope(CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var culture = CultureInfo.GetCultureInfo(language == "fr" ? "fr" : "en");
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        return scope;
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
