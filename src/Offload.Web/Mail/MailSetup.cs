using Offload.Jobs.Mail;

namespace Offload.Web.Mail;

internal static class MailSetup
{
    /// <summary>SMTP when Offload:Smtp:Host is set, else .eml files; the outbox sender runs where workers run.</summary>
    public static IServiceCollection AddOffloadMail(this IServiceCollection services, IConfiguration config, bool runWorkers)
    {
        services.Configure<SmtpSettings>(config.GetSection("Offload:Smtp"));
        services.Configure<OutboxOptions>(config.GetSection("Offload:Mail"));
        services.AddSingleton<SmtpMailTransport>();
        services.AddSingleton<EmlFileTransport>();
        services.AddSingleton<IMailTransport>(sp => string.IsNullOrWhiteSpace(config["Offload:Smtp:Host"])
            ? sp.GetRequiredService<EmlFileTransport>()
            : sp.GetRequiredService<SmtpMailTransport>());
        services.AddSingleton<OutboxDispatcher>();
        if (runWorkers) services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
