using Offload.Jobs;
using Offload.Platform.Identity;

namespace Offload.Platform.MassActions;

/// <summary>
/// A mass action on a selection of users as the API and the screens drive it, from its typed input: the same checks
/// in the same order, then either a preview (nothing written) or a job. Refusals throw <see cref="RequestRejectedException"/>.
/// </summary>
public interface ISelectionAction<in TInput>
{
    Task<ActionPreview> PreviewAsync(TInput input, Actor actor, CancellationToken ct);

    /// <param name="stopOnErrors">The job's error-rate stop (<see cref="ErrorRateStop"/>), or null for none.</param>
    Task<Job> StartAsync(TInput input, Actor actor, StopOnErrors? stopOnErrors, CancellationToken ct);
}
