using Microsoft.AspNetCore.Localization;

namespace Offload.Web.Localization;

/// <summary>
/// English and French UI (SPEC §6): <c>?culture=fr|en</c> wins and is remembered for the browser session,
/// then the signed-in user's language, then the browser's Accept-Language.
/// </summary>
internal static class LocalizationSetup
{
    public const string CultureCookie = "Offload.Culture";
    private static readonly string[] Cultures = ["en", "fr"];

    /// <summary>One mechanism for every word: IStringLocalizer over Offload.Platform's SharedResource .resx (pages, problems, mails).</summary>
    public static IServiceCollection AddOffloadLocalization(this IServiceCollection services) =>
        services.AddLocalization().Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("en").AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider { CookieName = CultureCookie },
                new UserLanguageCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });

    /// <summary>After authentication: the user's language is a claim of the session.</summary>
    public static IApplicationBuilder UseOffloadLocalization(this IApplicationBuilder app)
    {
        app.UseRequestLocalization();
        return app.Use((context, next) =>
        {
            // Links inside the app do not carry ?culture=, so the override lives on in a session cookie.
            if (context.Request.Query["culture"].ToString() is var asked && Cultures.Contains(asked))
                context.Response.Cookies.Append(CultureCookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(asked)),
                    new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return next(context);
        });
    }
}
