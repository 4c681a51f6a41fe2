using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Offload.Platform.Identity;
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

    /// <summary>A new session for a user whose password was just checked.</summary>
    public static ClaimsPrincipal NewSession(User user) => PrincipalFor(user, Tokens.New());

    /// <summary>
    /// The session's principal: the user's claims, the stamp the session lives under and the session's id.
    /// Both ride inside the cookie, which ASP.NET Core's data protection encrypts and signs.
    /// </summary>
    public static ClaimsPrincipal PrincipalFor(User user, string sessionId) => new(new ClaimsIdentity(
        [.. UserClaims.For(user), new Claim(UserClaims.Stamp, user.SecurityStamp), new Claim(UserClaims.Session, sessionId)], SchemeName));

    /// <summary>
    /// Signs the browser out and ends its session on the server, so a copy of its cookie taken before is refused
    /// from now on. Only this session: the user's other browsers stay signed in.
    /// </summary>
    public static async Task SignOutAsync(HttpContext http)
    {
        if (http.User.FindFirstValue(UserClaims.Session) is { } session)
        {
            var services = http.RequestServices;
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            // A copy renewed at the last moment before sign-out lives one cookie lifetime more, and not a second longer.
            var lifetime = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(SchemeName).ExpireTimeSpan;
            await services.GetRequiredService<ISessionStore>().EndAsync(new EndSessionRequest(session, now, now + lifetime), http.RequestAborted);
        }
        await http.SignOutAsync(SchemeName);
    }

    /// <summary>JSON callers get status codes and problem+json, never a redirect to an HTML form.</summary>
    public static bool IsApi(this HttpRequest request) => request.Path.StartsWithSegments("/api");
}
