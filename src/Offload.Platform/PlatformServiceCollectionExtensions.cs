using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs;
using Offload.Platform.Users.Import;

namespace Offload.Platform;

public static class PlatformServiceCollectionExtensions
{
    /// <summary>The mass actions and their handlers; the host adds the stores and the password hasher.</summary>
    public static IServiceCollection AddOffloadPlatform(this IServiceCollection services)
    {
        services.AddSingleton<UsersImportAction>();
        services.AddSingleton<IJobHandler, UsersImportHandler>();
        return services;
    }
}
