using Dapper;
using Npgsql;
using Offload.Jobs.Completion;

namespace Offload.Storage.Postgres.Jobs;

/// <summary>Writes a job's notice and mail inside the transaction that ends the job.</summary>
internal static class PgCompletion
{
    public static async Task WriteAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid jobId, JobCompletion? completion, DateTimeOffset now)
    {
        var at = now.ToUniversalTime();
        if (completion?.Notice is { } notice)
            await c.ExecuteAsync("INSERT INTO notifications (user_id, job_id, title, created_at) VALUES (@UserId, @jobId, @Title, @at)",
                new { notice.UserId, jobId, notice.Title, at }, tx);
        if (completion?.Mail is { } mail)
            await c.ExecuteAsync("""
                INSERT INTO outbox (job_id, to_address, subject, text_body, html_body, created_at, next_attempt_at)
                VALUES (@jobId, @To, @Subject, @TextBody, @HtmlBody, @at, @at)
                """, new { jobId, mail.To, mail.Subject, mail.TextBody, mail.HtmlBody, at }, tx);
    }
}
