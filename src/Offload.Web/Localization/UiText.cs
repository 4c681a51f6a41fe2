using System.Globalization;

namespace Offload.Web.Localization;

/// <summary>
/// The UI's words. The English text is the key, so a view reads as it renders in English; French comes
/// from <see cref="FrenchTexts"/> and falls back to English for a missing entry (a test lists those).
/// </summary>
internal static class UiText
{
    public static bool IsFrench => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";

    public static string T(string english) => IsFrench ? FrenchTexts.Get(english) ?? english : english;

    /// <summary>A format string with <c>{0}</c>-style holes, filled in the request's culture.</summary>
    public static string T(string english, params object[] args) => string.Format(CultureInfo.CurrentCulture, T(english), args);
}
