namespace Offload.Platform.Users;

/// <summary>
/// What a mass action checks of each user it selected: who it is, its role, and whether it belongs to one of
/// the acting Power User's branches (always true for a Superadmin's action).
/// </summary>
public sealed record UserRef(long Id, string Username, string Role, bool InScope);
