using Offload.Platform.Users;

namespace Offload.Web.PlatformApi;

/// <summary>User JSON of SPEC §7; the password hash never leaves the server.</summary>
public sealed record UserDto(long Id, string Username, string Email, string FirstName, string LastName, string Language,
    bool Active, string Role, IReadOnlyList<long> BranchIds)
{
    public static UserDto From(User u) => new(u.Id, u.Username, u.Email, u.FirstName, u.LastName, u.Language, u.Active, u.Role, u.BranchIds);
}

/// <summary>What POST/PUT /api/users accept; password is optional on PUT (unchanged when absent).</summary>
public sealed record UserInput(string? Username, string? Email, string? FirstName, string? LastName, string? Language,
    bool? Active, string? Password, string? Role, List<long>? BranchIds);

public sealed record UserListDto(IReadOnlyList<UserDto> Items, string? NextCursor);

public sealed record BranchInput(string? Name, long? ParentId);

public sealed record CourseInput(string? Code, string? Title);

public sealed record FilterDto(long? BranchId, bool? Active, string? Text, long? CourseId)
{
    public UserFilter ToFilter() => new(BranchId, Active, Text, CourseId);
}

public sealed record SelectionDto(List<long>? UserIds, FilterDto? Filter)
{
    public Offload.Platform.Selection.SelectionRequest ToRequest() => new(UserIds, Filter?.ToFilter());
}

public sealed record EnrollInput(SelectionDto? Selection, List<long>? CourseIds);

public sealed record StatusInput(SelectionDto? Selection, bool? Active);

public sealed record SelectionInput(SelectionDto? Selection);

public sealed record ExportInput(SelectionDto? Selection, List<string>? Columns);
