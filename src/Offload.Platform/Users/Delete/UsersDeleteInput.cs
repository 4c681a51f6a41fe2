using Offload.Platform.Selection;

namespace Offload.Platform.Users.Delete;

/// <summary>What deleting asks for, from the API or the screens: the users.</summary>
public sealed record UsersDeleteInput(SelectionRequest? Selection);
