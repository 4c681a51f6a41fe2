using Offload.Platform.Users;

namespace Offload.Web.PlatformApi;

/// <summary>User JSON of SPEC §7; the password hash never leaves the server.</summary>
public sealed record UserDto(long Id, string Username, string Email, string FirstName, string LastName, string Language,
    bool Active, string Role, IReadOnlyList<long> BranchIds)
{
    public static UserDto From(User u) => new(u.Id, u.Username, u.Email, u.FirstName, u.LastName, u.Language, u.Active, u.Role, u.BranchIds);
}

/// <summary>What POST/PUT /api/users accept; password is optional on PUT (unchanged when absent).</summary>
public sealed record UserBody(string? Username, string? Email, string? FirstName, string? LastName, string? Language,
    bool? Active, string? Password, string? Role, List<long>? BranchIds);

public sealed record UserListDto(IReadOnlyList<UserDto> Items, string? NextCursor);

public sealed record BranchInput(string? Name, long? ParentId);

public sealed record CourseInput(string? Code, string? Title);
