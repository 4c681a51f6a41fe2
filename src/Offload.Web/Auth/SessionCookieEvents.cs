using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Offload.Platform.Users;

namespace Offload.Web.Auth;

/// <summary>Keeps a cookie session in step with the account, and answers API callers like the Bearer scheme does.</summary>
internal sealed class SessionCookieEvents(IUserStore users) : CookieAuthenticationEvents
{
    /// <summary>
    /// Reads the account afresh on every request, as the Bearer handler does, so a deactivated user is
    /// signed out and a changed role or branch applies at once rather than when the cookie expires.
    /// </summary>
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.ToActor().Id;
        var user = id is null ? null : await users.GetAsync(new GetUserRequest(id.Value), context.HttpContext.RequestAborted);
        if (user is not { Active: true })
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuth.SchemeName);
            return;
        }
        context.ReplacePrincipal(CookieAuth.PrincipalFor(user));
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
