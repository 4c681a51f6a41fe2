using Offload.Platform.Identity;

namespace Offload.Platform.MassActions;

/// <summary>
/// The frozen input of a job on a frozen selection of users (JSON on its row). The actor is frozen too: the job
/// acts with the authority its owner had when asking.
/// </summary>
public interface ISelectionJobInput
{
    Actor Actor { get; }
}
