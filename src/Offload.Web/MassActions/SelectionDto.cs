using Offload.Platform.Selection;
using Offload.Platform.Users;

namespace Offload.Web.MassActions;

/// <summary>The "selection" of every JSON mass action: explicit userIds, or a filter frozen when the job starts.</summary>
internal sealed record SelectionDto(List<long>? UserIds, FilterDto? Filter)
{
    public SelectionRequest ToRequest() => new(UserIds, Filter?.ToFilter());
}

/// <summary>A selection's filter, as the users list's query names it.</summary>
internal sealed record FilterDto(long? BranchId, bool? Active, string? Text, long? CourseId)
{
    public UserFilter ToFilter() => new(BranchId, Active, Text, CourseId);
}
