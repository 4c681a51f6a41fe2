using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Offload.Platform.Identity;

namespace Offload.Web.Auth;

public static class AuthSetup
{
    /// <summary>Superadmins and Power Users: the people who run mass actions and see jobs (seed point 2).</summary>
    public const string JobsPolicy = "jobs";

    /// <summary>Managing users, branches and courses (SPEC §1).</summary>
    public const string SuperadminPolicy = "superadmin";

    public static IServiceCollection AddOffloadAuth(this IServiceCollection services)
    {
        services.AddSingleton<Platform.Identity.IPasswordHasher, AspNetPasswordHasher>();
        services.AddSingleton<AccountAttempts>();
        services.AddSingleton<Credentials>();
        services.AddSingleton<PrincipalValidity>();
        services.AddSingleton<AccountChanges>().AddSingleton<PrincipalCheck>();
        services.AddAuthentication(CookieAuth.SelectorScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddOffloadCookie();
        services.AddAuthorizationBuilder()
            .AddPolicy(JobsPolicy, p => p.RequireRole(Roles.Superadmin, Roles.PowerUser))
            .AddPolicy(SuperadminPolicy, p => p.RequireRole(Roles.Superadmin))
            // Nothing is reachable anonymously unless it says so (token creation, health, the OpenAPI document).
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => new ValueTask(Problems.Write(context.HttpContext, 429, "Too many attempts",
                "Wait a minute before asking for another token.", null));
            // Guessing passwords costs one try every few seconds per address.
            o.AddPolicy(AuthApi.TokenRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }
}
