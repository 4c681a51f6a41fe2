using Offload.Jobs;
using Offload.Platform.Notifications;

namespace Offload.Web.Hosting;

internal static class OptionsSetup
{
    /// <summary>
    /// The classes the bare "Offload" section binds into, each once. They share one section (the settings' names
    /// are a public contract), so a setting must be a member of exactly one of them, the one whose concern it is.
    /// </summary>
    public static IServiceCollection AddOffloadOptions(this IServiceCollection services, IConfiguration config)
    {
        var offload = config.GetSection("Offload");
        services.Configure<OffloadSettings>(offload);   // Store, Bootstrap, Auth: the host's own
        services.Configure<JobsOptions>(offload);       // workers, chunks, leases, retention, DataPath: the engine's
        services.Configure<CompletionOptions>(offload); // PublicUrl: where links in mails and notifications point
        return services;
    }
}
