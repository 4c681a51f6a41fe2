using Offload.Platform.Selection;

namespace Offload.Platform.Users.Status;

/// <summary>What activating or deactivating asks for, from the API or the screens: the users, and which of the two.</summary>
public sealed record UsersStatusInput(SelectionRequest? Selection, bool? Active);
