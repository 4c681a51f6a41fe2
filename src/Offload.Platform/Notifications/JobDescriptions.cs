using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Offload.Jobs;
using Offload.Platform.Enrollments.Enroll;
using Offload.Platform.Enrollments.Unenroll;
using Offload.Platform.Localization;
using Offload.Platform.MassActions.Undo;
using Offload.Platform.Users.Delete;
using Offload.Platform.Users.Export;
using Offload.Platform.Users.Import;
using Offload.Platform.Users.Status;

namespace Offload.Platform.Notifications;

/// <summary>
/// A job's description for whoever reads it, in the current culture, rebuilt from its kind, total and frozen input
/// rather than the English stored when it was created. Kinds it does not know (tests, benchmarks) keep the stored text.
/// </summary>
public sealed class JobDescriptions(IStringLocalizer<SharedResource> t)
{
    public string For(Job job)
    {
        try
        {
            return Describe(job) is { } described ? Retry(job, described) : job.Description;
        }
        catch (JsonException)
        {
            return job.Description; // an input written by another version: the stored words still say what it was
        }
    }

    /// <summary>
    /// Why a failed job failed, in the current culture: the runner stores one of <see cref="FailureReasons"/>' sentences,
    /// which are keys of the French resources; anything else (an older version's text) is shown as it is.
    /// </summary>
    public string? FailureReasonOf(Job job) => job.FailureReason is { } reason ? t[reason].Value : null;

    /// <summary>
    /// Why the engine stopped the job, in words ("Stopped: more than 50% of the first 1,000 rows failed (612 of them)."),
    /// or null when it did not: the rule and the counts it was judged on, as the job keeps them.
    /// </summary>
    public string? StopReasonOf(Job job) => job is { StopReason: StopOnErrors.Reason, StopOnErrors: { } rule }
        ? T(job.Kind == UsersImportHandler.KindName
                ? "Stopped: more than {0}% of the first {1} rows failed ({2} of them)."
                : "Stopped: more than {0}% of the first {1} items failed ({2} of them).",
            rule.Percent.ToString(CultureInfo.CurrentCulture), N(job.Processed), N(job.FailedItems))
        : null;

    private string? Describe(Job job)
    {
        switch (job.Kind)
        {
            case UsersImportHandler.KindName:
                var import = Read<UsersImportInput>(job);
                return import is null ? null
                    : T(job.Total == 1 ? "Import of {0} (1 row)" : "Import of {0} ({1} rows)", import.FileName, N(job.Total));
            case EnrollHandler.KindName:
                return Read<EnrollJobInput>(job) is { } enroll ? T("Enroll {0} in {1}", Users(job.Total), Courses(enroll.CourseIds)) : null;
            case UnenrollHandler.KindName:
                return Read<UnenrollJobInput>(job) is { } unenroll ? T("Unenroll {0} from {1}", Users(job.Total), Courses(unenroll.CourseIds)) : null;
            case UsersStatusHandler.KindName:
                return Read<UsersStatusJobInput>(job) is { } status
                    ? T(status.Active ? "Activate {0}" : "Deactivate {0}", Users(job.Total))
                    : null;
            case UsersDeleteHandler.KindName:
                return T("Delete {0}", Users(job.Total));
            case UsersExportHandler.KindName:
                return T("Export of {0}", Users(job.Total));
            case UndoHandler.KindName:
                return Read<UndoJobInput>(job) is { } undo ? T("Undo of: {0}", For(job with
                {
                    Kind = undo.OriginalKind, Total = undo.OriginalTotal, Input = undo.OriginalInput, Description = undo.OriginalDescription,
                })) : null;
            default:
                return null;
        }
    }

    /// <summary>A retry's words around its kind's (<see cref="MassActions.JobRetries"/>).</summary>
    private string Retry(Job job, string described) => job.RetryOf is null ? described : T("Retry of failed items: {0}", described);

    private string Users(long n) => n == 1 ? T("1 user") : T("{0} users", N(n));

    private string Courses(IReadOnlyList<long> ids) => ids.Count == 1 ? T("1 course") : T("{0} courses", N(ids.Count));

    private string T(string english, params object[] args) => t[english, args].Value;

    private static string N(long n) => n.ToString("N0", CultureInfo.CurrentCulture);

    private static T? Read<T>(Job job) where T : class =>
        string.IsNullOrEmpty(job.Input) ? null : JsonSerializer.Deserialize<T>(job.Input, JsonDefaults.Options);
}
