using Offload.Platform.Identity;

namespace Offload.Platform.MassActions;

/// <summary>
/// The frozen input of a mass action on a selection of users (stored as JSON on the job). The actor is
/// frozen too: the job acts with the authority its owner had when asking.
/// </summary>
public sealed record UserActionInput(Actor Actor, IReadOnlyList<long>? CourseIds = null, bool? Active = null,
    IReadOnlyList<string>? Columns = null);
