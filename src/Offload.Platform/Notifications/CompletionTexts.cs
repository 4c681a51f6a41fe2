using System.Globalization;
using System.Net;
using Offload.Jobs;

namespace Offload.Platform.Notifications;

/// <summary>The words of a job's end, in English or French: notice title, mail subject, text and HTML body.</summary>
public sealed record CompletionText(string Title, string Subject, string Text, string Html);

public static class CompletionTexts
{
    public static CompletionText Compose(string language, string greetingName, Job job, string link)
    {
        var fr = language == "fr";
        var culture = CultureInfo.GetCultureInfo(fr ? "fr-FR" : "en-GB");
        string N(long n) => n.ToString("N0", culture);
        var outcome = (fr, job.Status) switch
        {
            (false, JobStatus.Completed) => "completed",
            (false, JobStatus.Aborted) => "aborted",
            (false, _) => "failed",
            (true, JobStatus.Completed) => "terminée",
            (true, JobStatus.Aborted) => "interrompue",
            (true, _) => "en échec",
        };
        var errors = fr
            ? job.ErrorCount switch { 0 => "aucune erreur", 1 => "1 erreur", var n => $"{N(n)} erreurs" }
            : job.ErrorCount switch { 0 => "no errors", 1 => "1 error", var n => $"{N(n)} errors" };
        var title = $"{job.Description} — {outcome}, {errors}";
        var subject = fr ? $"Tâche de fond {outcome} : {job.Description}" : $"Background job {outcome}: {job.Description}";
        var lines = new List<string>
        {
            fr ? $"Bonjour {greetingName}," : $"Hello {greetingName},",
            "",
            fr ? $"Votre tâche de fond « {job.Description} » est {outcome}." : $"Your background job \"{job.Description}\" {(job.Status == JobStatus.Failed ? "failed" : "has " + outcome)}.",
            "",
            (fr ? "Type : " : "Kind: ") + JobKinds.Name(job.Kind, fr),
            (fr ? "Éléments traités : " : "Processed: ") + (fr ? $"{N(job.Processed)} sur {N(job.Total)}" : $"{N(job.Processed)} of {N(job.Total)}"),
            (fr ? "Erreurs : " : "Errors: ") + N(job.ErrorCount),
        };
        if (job.ErrorCount > 0)
            lines.Add(fr ? "Le journal des erreurs se télécharge depuis la page Tâches de fond." : "Download the error log from the Background Jobs page.");
        if (job.FailureReason is { } reason) lines.Add((fr ? "Cause : " : "Reason: ") + reason);
        lines.Add("");
        lines.Add((fr ? "Tâches de fond : " : "Background Jobs: ") + link);
        var text = string.Join("\n", lines) + "\n";
        var html = "<!DOCTYPE html><html lang=\"" + (fr ? "fr" : "en") + "\"><body>"
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
