using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using System.Security.Claims;

namespace Offload.Web.Auth;

/// <summary>Keeps a cookie session in step with the account, and answers API callers like the Bearer scheme does.</summary>
internal sealed class SessionCookieEvents(PrincipalValidity validity) : CookieAuthenticationEvents
{
    /// <summary>
    /// Reads the account afresh on every request, as the Bearer handler does, so a changed branch applies at
    /// once; a session signed out, or issued before a password, role or active change, is refused
    /// (<see cref="PrincipalValidity"/>) rather than living on until the cookie expires.
    /// </summary>
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var user = context.Principal is { } principal ? await validity.CurrentUserAsync(principal, context.HttpContext.RequestAborted) : null;
        if (user is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuth.SchemeName);
            return;
        }
        context.ReplacePrincipal(CookieAuth.PrincipalFor(user, context.Principal!.FindFirstValue(UserClaims.Session)!));
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        context.Request.IsApi()
            ? context.HttpContext.ChallengeAsync(BearerTokenHandler.SchemeName)
            : base.RedirectToLogin(context);

    /// <summary>Pages answer 403 in place; the status page middleware renders the forbidden page.</summary>
    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (context.Request.IsApi()) return context.HttpContext.ForbidAsync(BearerTokenHandler.SchemeName);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
