using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Offload.Platform.Users;

namespace Offload.Web.Auth;

/// <summary>
/// The page's cookie session beside the scripts' Bearer tokens. The default scheme is a policy scheme
/// that picks Bearer when the request carries one and the cookie otherwise, so every endpoint (page or
/// API) accepts both and the same authorization rules hold for each.
/// </summary>
internal static class CookieAuth
{
    public const string SchemeName = "Cookies";
    public const string SelectorScheme = "BearerOrCookie";
    public const string LoginPath = "/login";
    public const string ForbiddenPath = "/forbidden";

    public static AuthenticationBuilder AddOffloadCookie(this AuthenticationBuilder auth)
    {
        auth.Services.AddScoped<SessionCookieEvents>();
        auth.AddPolicyScheme(SelectorScheme, "Bearer token or cookie session", o => o.ForwardDefaultSelector = context =>
            context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? BearerTokenHandler.SchemeName
                : SchemeName);
        return auth.AddCookie(SchemeName, o =>
        {
            o.Cookie.Name = "Offload.Session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Plain http on localhost (SPEC §8) must still sign in; behind https the cookie is Secure.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = LoginPath;
            o.ReturnUrlParameter = "returnUrl";
            o.EventsType = typeof(SessionCookieEvents);
        });
    }

    public static ClaimsPrincipal PrincipalFor(User user) => new(new ClaimsIdentity(UserClaims.For(user), SchemeName));

    /// <summary>JSON callers get status codes and problem+json, never a redirect to an HTML form.</summary>
    public static bool IsApi(this HttpRequest request) => request.Path.StartsWithSegments("/api");
}
