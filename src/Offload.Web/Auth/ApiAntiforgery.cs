using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace Offload.Web.Auth;

/// <summary>
/// SPEC §7: the JSON API accepts the page's cookie only with the antiforgery header on unsafe methods,
/// since a browser sends the cookie on cross-site requests too. Bearer callers are exempt: a token is
/// never sent by the browser on its own.
/// </summary>
internal static class ApiAntiforgery
{
    public const string HeaderName = "RequestVerificationToken";

    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.IsApi() && IsUnsafe(context.Request.Method) && IsCookieSession(context) && !await IsValidAsync(context))
        {
            await Problems.Write(context, StatusCodes.Status400BadRequest, "Missing or invalid antiforgery token",
                "Send the page's token (meta name=\"csrf-token\") in the '{0}' header.", HeaderName, HeaderName);
            return;
        }
        await next(context);
    });

    private static bool IsUnsafe(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static bool IsCookieSession(HttpContext context) =>
        context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Ticket?.AuthenticationScheme == CookieAuth.SchemeName;

    private static async Task<bool> IsValidAsync(HttpContext context)
    {
        // Header only: falling back to a form field would buffer an upload's whole body before the endpoint streams it.
        if (string.IsNullOrEmpty(context.Request.Headers[HeaderName])) return false;
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }
}
