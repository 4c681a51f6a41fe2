using Dapper;
using Microsoft.Data.Sqlite;
using Offload.Jobs.Completion;

namespace Offload.Storage.Sqlite.Jobs;

/// <summary>Writes a job's notice and mail inside the transaction that ends the job.</summary>
internal static class SqliteCompletion
{
    public static async Task WriteAsync(SqliteConnection c, SqliteTransaction tx, Guid jobId, JobCompletion? completion, DateTimeOffset now)
    {
        var at = now.ToUnixTimeMilliseconds();
        if (completion?.Notice is { } notice)
            await c.ExecuteAsync("INSERT INTO notifications (user_id, job_id, title, created_at) VALUES (@UserId, @job, @Title, @at)",
                new { notice.UserId, job = JobRows.Key(jobId), notice.Title, at }, tx);
        if (completion?.Mail is { } mail)
            await c.ExecuteAsync("""
                INSERT INTO outbox (job_id, to_address, subject, text_body, html_body, created_at, next_attempt_at)
                VALUES (@job, @To, @Subject, @TextBody, @HtmlBody, @at, @at)
                """, new { job = JobRows.Key(jobId), mail.To, mail.Subject, mail.TextBody, mail.HtmlBody, at }, tx);
    }
}
