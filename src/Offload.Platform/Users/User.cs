namespace Offload.Platform.Users;

/// <summary>A platform account.</summary>
public sealed record User
{
    public required long Id { get; init; }
    public required string Username { get; init; }
    public required string Email { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    /// <summary>"en" or "fr": the language of the UI and of mails.</summary>
    public string Language { get; init; } = "en";
    public bool Active { get; init; } = true;
    public required string Role { get; init; }
    public string? PasswordHash { get; init; }
    public IReadOnlyList<long> BranchIds { get; init; } = [];
    /// <summary>
    /// Random, and replaced by the store whenever the password, role or active flag changes: sessions and
    /// tokens issued under another stamp no longer speak for this account. Never shown to anyone.
    /// </summary>
    public string SecurityStamp { get; init; } = "";
}
