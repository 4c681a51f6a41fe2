using System.Globalization;
using System.Net;
using Microsoft.Extensions.Localization;
using Offload.Jobs;
using Offload.Platform.Localization;

namespace Offload.Platform.Notifications;

/// <summary>The words of a job's end: notice title, mail subject, text and HTML body.</summary>
public sealed record CompletionText(string Title, string Subject, string Text, string Html);

/// <summary>Composes <see cref="CompletionText"/> in the current culture; the caller sets the owner's (<see cref="CultureScope"/>).</summary>
public sealed class CompletionTexts(IStringLocalizer<SharedResource> t, JobDescriptions descriptions)
{
    public CompletionText Compose(string greetingName, Job job, string link)
    {
        static string N(long n) => n.ToString("N0", CultureInfo.CurrentCulture);
        var description = descriptions.For(job);
        var errors = job.ErrorCount switch { 0 => t["no errors"], 1 => t["1 error"], var n => t["{0} errors", N(n)] };
        // Whole sentences per outcome, not a word slotted in: French agrees the participle, and .resx keys that differ only in case collide,
        // so "completed" could not sit beside the status label "Completed".
        var (title, sentence, subject) = job.Status switch
        {
            JobStatus.Completed => (t["{0} — completed, {1}", description, errors], t["Your background job \"{0}\" has completed.", description],
                t["Background job completed: {0}", description]),
            JobStatus.Aborted when job.StopReason == StopOnErrors.Reason => (t["{0} — stopped: too many errors, {1}", description, errors],
                t["Your background job \"{0}\" was stopped: too many of its items failed.", description],
                t["Background job stopped, too many errors: {0}", description]),
            JobStatus.Aborted => (t["{0} — aborted, {1}", description, errors], t["Your background job \"{0}\" has aborted.", description],
                t["Background job aborted: {0}", description]),
            _ => (t["{0} — failed, {1}", description, errors], t["Your background job \"{0}\" failed.", description],
                t["Background job failed: {0}", description]),
        };
        var lines = new List<string>
        {
            t["Hello {0},", greetingName],
            "",
            sentence,
            "",
            t["Kind: {0}", JobKindNames.Name(t, job.Kind)],
            t["Processed: {0} of {1}", N(job.Processed), N(job.Total)],
            t["Errors: {0}", N(job.ErrorCount)],
        };
        if (descriptions.StopReasonOf(job) is { } stopped) lines.Add(stopped);
        if (job.ErrorCount > 0) lines.Add(t["Download the error log from the Background Jobs page."]);
        if (descriptions.FailureReasonOf(job) is { } reason) lines.Add(t["Reason: {0}", reason]);
        lines.Add("");
        lines.Add(t["This job's page: {0}", link]);
        var text = string.Join("\n", lines) + "\n";
        var html = "<!DOCTYPE html><html lang=\"" + CultureInfo.CurrentUICulture.TwoLetterISOLanguageName + "\"><body>"
                   + string.Concat(lines.Select(l => l.Length == 0 ? "<br>" : $"<p>{Linkify(WebUtility.HtmlEncode(l), link)}</p>"))
                   + "</body></html>";
        return new CompletionText(title, subject, text, html);
    }

    private static string Linkify(string encodedLine, string link)
    {
        var encodedLink = WebUtility.HtmlEncode(link);
        return encodedLine.Replace(encodedLink, $"<a href=\"{encodedLink}\">{encodedLink}</a>", StringComparison.Ordinal);
    }
}
