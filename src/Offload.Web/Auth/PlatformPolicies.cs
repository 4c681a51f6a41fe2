using Offload.Platform.Identity;

namespace Offload.Web.Auth;

/// <summary>Who may administer the platform itself (users, branches, courses): Superadmins only.</summary>
public static class PlatformPolicies
{
    public const string Superadmin = "superadmin";

    public static IServiceCollection AddPlatformPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(Superadmin, p => p.RequireRole(Roles.Superadmin));
        return services;
    }
}
