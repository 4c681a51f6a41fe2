using Microsoft.Extensions.Options;
using Offload.Jobs;
using Offload.Jobs.Mail;
using Offload.Jobs.Storage;

namespace Offload.Web.Mail;

/// <summary>
/// With no SMTP server configured, mails become .eml files under {DataPath}/mail — the demo shows them,
/// and nothing is lost if SMTP is set up later. Written to a temporary name and moved, so a file is whole.
/// </summary>
internal sealed class EmlFileTransport(IOptions<JobsOptions> jobs, IOptions<SmtpSettings> smtp) : IMailTransport
{
    public async Task SendAsync(OutboxMessage mail, CancellationToken ct)
    {
        var folder = Path.Combine(jobs.Value.DataPath, "mail");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{mail.Id:000000}.eml");
        var temporary = path + ".tmp";
        await MimeMessages.From(mail, smtp.Value.From).WriteToAsync(temporary, ct);
        File.Move(temporary, path, overwrite: true);
    }
}
