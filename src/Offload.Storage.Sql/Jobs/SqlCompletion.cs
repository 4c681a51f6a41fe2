using System.Data.Common;
using Offload.Jobs.Completion;

namespace Offload.Storage.Sql.Jobs;

/// <summary>Writes a job's notice and mail inside the transaction that ends the job.</summary>
public static class SqlCompletion
{
    public static async Task WriteAsync(DbConnection c, DbTransaction tx, SqlDialect d, Guid jobId, JobCompletion? completion,
        DateTimeOffset now, CancellationToken ct)
    {
        var (job, at) = (d.Key(jobId), d.Time(now));
        if (completion?.Notice is { } notice)
        {
            await using var insert = c.Command("INSERT INTO notifications (user_id, job_id, title, created_at) VALUES (@user, @job, @title, @at)",
                tx, ("@user", notice.UserId), ("@job", job), ("@title", notice.Title), ("@at", at));
            await insert.ExecuteNonQueryAsync(ct);
        }
        if (completion?.Mail is { } mail)
        {
            await using var insert = c.Command("""
                INSERT INTO outbox (job_id, to_address, subject, text_body, html_body, created_at, next_attempt_at)
                VALUES (@job, @to, @subject, @text, @html, @at, @at)
                """, tx, ("@job", job), ("@to", mail.To), ("@subject", mail.Subject), ("@text", mail.TextBody), ("@html", mail.HtmlBody), ("@at", at));
            await insert.ExecuteNonQueryAsync(ct);
        }
    }
}
