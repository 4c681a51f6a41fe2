using Offload.Jobs.Completion;

namespace Offload.Storage.Postgres.Jobs;

/// <summary>
/// A job's end with its notice and mail as one statement (data-modifying CTEs, which SQLite has not): one round trip
/// where the shared <c>SqlCompletion</c> takes one per row.
/// </summary>
internal static class PgCompletion
{
    /// <summary>
    /// One statement: <paramref name="update"/> (RETURNING id, and whatever <paramref name="endedWhen"/> and
    /// <paramref name="select"/> read) ends the job as "ended", and the notice and mail are inserted for the rows
    /// it returned that match <paramref name="endedWhen"/>; yields <paramref name="select"/>. Parameters:
    /// <see cref="Parameters"/> and @now.
    /// </summary>
    public static string AfterUpdate(string update, JobCompletion completion, string select = "SELECT count(*) FROM ended", string endedWhen = "true")
    {
        var notice = completion.Notice is null ? "" : $"""
            , notice AS (INSERT INTO notifications (user_id, job_id, title, created_at)
                         SELECT @noticeUser, id, @noticeTitle, @now FROM ended WHERE {endedWhen})
            """;
        var mail = completion.Mail is null ? "" : $"""
            , mail AS (INSERT INTO outbox (job_id, to_address, subject, text_body, html_body, created_at, next_attempt_at)
                       SELECT id, @mailTo, @mailSubject, @mailText, @mailHtml, @now, @now FROM ended WHERE {endedWhen})
            """;
        return $"WITH ended AS ({update}){notice}{mail}\n{select}";
    }

    public static IEnumerable<(string, object?)> Parameters(JobCompletion completion)
    {
        if (completion.Notice is { } notice)
        {
            yield return ("@noticeUser", notice.UserId);
            yield return ("@noticeTitle", notice.Title);
        }
        if (completion.Mail is { } mail)
        {
            yield return ("@mailTo", mail.To);
            yield return ("@mailSubject", mail.Subject);
            yield return ("@mailText", mail.TextBody);
            yield return ("@mailHtml", mail.HtmlBody);
        }
    }
}
