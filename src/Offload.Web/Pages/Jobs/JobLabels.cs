using System.Globalization;
using Microsoft.Extensions.Localization;
using Offload.Jobs;

namespace Offload.Web.Pages.Jobs;

/// <summary>How a job's status, counts and times read on the pages, in the request's language.</summary>
internal static class JobLabels
{
    public static IReadOnlyList<JobStatus> Statuses { get; } = Enum.GetValues<JobStatus>();

    public static string Status(IStringLocalizer t, JobStatus status) => status switch
    {
        JobStatus.Queued => t["Queued"],
        JobStatus.Running => t["Running"],
        JobStatus.Aborting => t["Aborting"],
        JobStatus.Completed => t["Completed"],
        JobStatus.Aborted => t["Aborted"],
        JobStatus.Paused => t["Paused"],
        _ => t["Failed"],
    };

    public static string Errors(IStringLocalizer t, long count) => count == 1 ? t["1 error"] : t["{0} errors", Number(count)];

    public static string Count(IStringLocalizer t, long processed, long total) => t["{0} of {1}", Number(processed), Number(total)];

    private static string Number(long n) => n.ToString("N0", CultureInfo.CurrentCulture);

    public static string Percent(int percent) => (percent / 100.0).ToString("P0", CultureInfo.CurrentCulture);

    /// <summary>The text a &lt;time&gt; shows until the browser's script rewrites it in the viewer's own time zone.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("g", CultureInfo.CurrentCulture) + " UTC";

    /// <summary>The machine-readable instant of a &lt;time datetime&gt;.</summary>
    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>X is offered while there is something left to stop; an aborting job is already stopping.</summary>
    public static bool MayAbort(JobStatus status) => status is JobStatus.Queued or JobStatus.Running or JobStatus.Paused;

    /// <summary>Pause is offered to a queued job, and to a running one whose pause was not asked yet.</summary>
    public static bool MayPause(Job job) => job.Status == JobStatus.Queued || (job.Status == JobStatus.Running && !job.IsPausing);

    /// <summary>Only a paused job resumes.</summary>
    public static bool MayResume(Job job) => job.Status == JobStatus.Paused;
}
