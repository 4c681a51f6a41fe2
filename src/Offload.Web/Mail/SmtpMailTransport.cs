using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using Offload.Jobs.Mail;
using Offload.Jobs.Storage;

namespace Offload.Web.Mail;

/// <summary>Sends through the configured SMTP server with MailKit; any failure throws, and the outbox retries.</summary>
internal sealed class SmtpMailTransport(IOptions<SmtpSettings> settings) : IMailTransport
{
    public async Task SendAsync(OutboxMessage mail, CancellationToken ct)
    {
        var s = settings.Value;
        using var client = new SmtpClient { Timeout = 30_000 };
        var security = s.Security.ToLowerInvariant() switch
        {
            "ssl" => SecureSocketOptions.SslOnConnect,
            "starttls" => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(s.Host ?? throw new InvalidOperationException("Offload:Smtp:Host is not set."), s.Port, security, ct);
        if (!string.IsNullOrEmpty(s.Username)) await client.AuthenticateAsync(s.Username, s.Password ?? "", ct);
        await client.SendAsync(MimeMessages.From(mail, s.From), ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
