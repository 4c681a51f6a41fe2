using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Offload.Web.Auth;

namespace Offload.Web.Pages;

/// <summary>The server-rendered side: Razor Pages, their static files, antiforgery and the 403 page.</summary>
internal static class PagesSetup
{
    public const string LoginRateLimit = "login";

    public static IServiceCollection AddOffloadPages(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin", AuthSetup.JobsPolicy);
            o.Conventions.AuthorizeFolder("/Jobs", AuthSetup.JobsPolicy);
            o.Conventions.AuthorizePage("/Notifications", AuthSetup.JobsPolicy);
            o.Conventions.AuthorizePage("/Admin/Users/New", AuthSetup.SuperadminPolicy);
            o.Conventions.AuthorizePage("/Admin/Users/Edit", AuthSetup.SuperadminPolicy);
            o.Conventions.AllowAnonymousToPage("/Login");
            o.Conventions.AllowAnonymousToPage("/Forbidden");
        });
        services.AddSingleton<Admin.Users.ActionWords>();
        // Page links come out as /admin/users, the way the menu and the spec write them.
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        services.AddAntiforgery(o =>
        {
            o.HeaderName = ApiAntiforgery.HeaderName;
            o.Cookie.Name = "Offload.Antiforgery";
            // Like the session cookie: Secure whenever the browser came over https (the default never is).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(LoginRateLimit, http =>
            // Only sign-in attempts count: showing the form costs a guesser nothing.
            HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("view")));
        return services;
    }

    /// <summary>Before authentication: static files need no session, and a page request answered 403 or 404 gets a page in the reader's language in place.</summary>
    /// <remarks>Not in a UseWhen branch: a branch loses the app's router, and the re-executed request would find no page.</remarks>
    public static IApplicationBuilder UseOffloadPages(this IApplicationBuilder app)
    {
        app.UseStaticFiles();
        app.UseStatusCodePagesWithReExecute(CookieAuth.ForbiddenPath);
        return app.Use(async (context, next) =>
        {
            await next(context);
            // Only a page's 403 and 404 have a page of their own; the API and every other status keep the host's usual answer.
            if ((context.Request.IsApi() || context.Response.StatusCode is not (StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound))
                && context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
                statusPages.Enabled = false;
        });
    }

    public static IEndpointRouteBuilder MapOffloadPages(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages();
        return app;
    }
}
