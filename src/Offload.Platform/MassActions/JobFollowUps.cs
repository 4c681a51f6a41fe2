using Offload.Jobs;
using Offload.Platform.Enrollments.Enroll;
using Offload.Platform.Enrollments.Unenroll;
using Offload.Platform.Users.Import;
using Offload.Platform.Users.Status;

namespace Offload.Platform.MassActions;

/// <summary>
/// Which follow-ups a finished job offers (SPEC §10): the one place the detail page's buttons, the API's 409s and
/// the follow-up jobs themselves ask.
/// </summary>
public static class JobFollowUps
{
    /// <summary>The kinds whose chunks record what they changed, so a later job can revert exactly that.</summary>
    public static IReadOnlySet<string> UndoableKinds { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        EnrollHandler.KindName, UnenrollHandler.KindName, UsersStatusHandler.KindName, UsersImportHandler.KindName,
    };

    /// <summary>
    /// A finished job with error rows may run its failed items again — unless it is itself an undo: its errors are
    /// items changed since, which an undo must never overwrite.
    /// </summary>
    public static bool CanRetry(Job job) => job.Status.IsFinished() && job.ErrorCount > 0 && job.UndoOf is null;

    /// <summary>A finished job of an undoable kind may be undone (once: the store refuses a second undo of the same job).</summary>
    public static bool CanUndo(Job job) => job.Status.IsFinished() && UndoableKinds.Contains(job.Kind);
}
