using Offload.Jobs.Storage;

namespace Offload.Jobs.Mail;

/// <summary>Delivers one outbox mail (SMTP, or .eml files when no SMTP server is configured). Throws when it could not.</summary>
public interface IMailTransport
{
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}
