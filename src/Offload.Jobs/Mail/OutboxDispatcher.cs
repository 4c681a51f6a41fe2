using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offload.Jobs.Storage;

namespace Offload.Jobs.Mail;

/// <summary>
/// Delivers the outbox: leases due mails, sends each, marks it sent — or records the failure and when
/// to retry (exponential backoff, capped, never giving up). SMTP down only delays mail; a mail is
/// marked sent only after the server accepted it. Woken at once when a job of this process ends with a mail.
/// </summary>
public sealed class OutboxDispatcher(IOutboxStore outbox, IMailTransport transport, OutboxWake wake, TimeProvider clock,
    IOptions<OutboxOptions> options, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int Batch = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sender = $"{WorkerPool.NodeId}/mail";
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await SendDueAsync(sender, stoppingToken);
                if (sent == Batch) continue;
                // One pass covers every mail written so far: a burst of endings costs one query, not one each.
                await wake.WaitAsync(await SleepAsync(stoppingToken), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The outbox could not be read; trying again");
                await wake.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>One pass over the due mails; returns how many it took.</summary>
    public async Task<int> SendDueAsync(string sender, CancellationToken ct)
    {
        // The batch's lease only keeps other senders off the mails until their turn comes; each one is leased
        // again, for as long as a send may take, just before it is sent. A mail whose turn came after its lease
        // ran out may have been taken over by another node meanwhile: then it is theirs, not sent here.
        var due = await outbox.ClaimDueAsync(new ClaimMailRequest(sender, clock.GetUtcNow(), TimeSpan.FromMinutes(2), Batch), ct);
        foreach (var mail in due)
        {
            if (!await outbox.ExtendLeaseAsync(new ExtendMailLeaseRequest(mail.Id, sender, clock.GetUtcNow(), options.Value.SendLease), ct))
            {
                logger.LogInformation("Mail {MailId} was taken over by another sender; not sent here", mail.Id);
                continue;
            }
            try
            {
                await transport.SendAsync(mail, ct);
                if (await outbox.MarkSentAsync(new MarkSentRequest(mail.Id, sender, clock.GetUtcNow()), CancellationToken.None))
                    logger.LogInformation("Mail {MailId} sent to {To}", mail.Id, mail.To);
                else
                    logger.LogWarning("Mail {MailId} to {To} was sent after its lease ran out (the send took longer than {Lease}); another sender may send it again",
                        mail.Id, mail.To, options.Value.SendLease);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var wait = Backoff(mail.Attempts);
                logger.LogWarning("Mail {MailId} to {To} not sent (attempt {Attempt}): {Error}; next try in {Wait}",
                    mail.Id, mail.To, mail.Attempts + 1, ex.Message, wait);
                await outbox.MarkFailedAsync(new MarkFailedRequest(mail.Id, sender, ex.Message, clock.GetUtcNow() + wait), CancellationToken.None);
            }
        }
        return due.Count;
    }

    public TimeSpan Backoff(int attemptsSoFar)
    {
        var o = options.Value;
        var wait = o.RetryBackoff * Math.Pow(2, Math.Min(attemptsSoFar, 20));
        return wait < o.MaxBackoff ? wait : o.MaxBackoff;
    }

    private async Task<TimeSpan> SleepAsync(CancellationToken ct)
    {
        var poll = options.Value.PollInterval;
        if (await outbox.NextDueAsync(new NextDueRequest(), ct) is not { } next) return poll;
        var wait = next - clock.GetUtcNow();
        if (wait < TimeSpan.FromMilliseconds(50)) return TimeSpan.FromMilliseconds(50);
        return wait < poll ? wait : poll;
    }
}
