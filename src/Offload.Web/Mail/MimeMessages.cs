using MimeKit;
using Offload.Jobs.Storage;

namespace Offload.Web.Mail;

internal static class MimeMessages
{
    /// <summary>
    /// The outbox row as a MIME message. Its Message-Id is derived from the row, so in the rare case of a
    /// resend (crash between the server's "accepted" and our "sent"), receivers can tell it is the same mail.
    /// </summary>
    public static MimeMessage From(OutboxMessage mail, string from)
    {
        var message = new MimeMessage { Subject = mail.Subject, MessageId = $"outbox-{mail.Id}@offload" };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
        return message;
    }
}
