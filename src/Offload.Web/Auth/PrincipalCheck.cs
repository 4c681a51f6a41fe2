using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Offload.Web.Auth;

/// <summary>
/// "Is the caller of this long-lived request still who they were, and still allowed?" Answered by running
/// the request's own credentials (its bearer token or session cookie) through the same authentication
/// schemes and policy a new request would meet, on a copy of the request in a scope of its own. Whatever
/// those schemes check — the token unknown, expired or revoked; the account deleted or inactive; its role
/// now — this check checks too, without a second copy of that logic.
/// </summary>
internal sealed class PrincipalCheck(IServiceScopeFactory scopes)
{
    /// <summary>The principal the request's credentials give now, if it still meets <paramref name="policy"/>; null otherwise.</summary>
    public async Task<ClaimsPrincipal?> RecheckAsync(HttpContext request, string policy, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        // A fresh context: authentication handlers cache their answer per request, and the real response
        // has started, so a handler that signs out (a rejected cookie) writes only to this copy.
        var copy = new DefaultHttpContext { RequestServices = scope.ServiceProvider, RequestAborted = ct };
        copy.Request.Method = HttpMethods.Get;
        copy.Request.Scheme = request.Request.Scheme;
        copy.Request.Host = request.Request.Host;
        copy.Request.PathBase = request.Request.PathBase;
        copy.Request.Path = request.Request.Path;
        copy.Request.Headers.Authorization = request.Request.Headers.Authorization;
        copy.Request.Headers.Cookie = request.Request.Headers.Cookie;
        copy.Connection.RemoteIpAddress = request.Connection.RemoteIpAddress;
        var result = await copy.AuthenticateAsync();
        if (!result.Succeeded) return null;
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(result.Principal, null, policy)).Succeeded ? result.Principal : null;
    }
}
