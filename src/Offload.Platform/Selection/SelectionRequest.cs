using Offload.Platform.Users;

namespace Offload.Platform.Selection;

/// <summary>Which users a mass action acts on: explicit ids, or a filter frozen into ids when the job is created.</summary>
public sealed record SelectionRequest(IReadOnlyList<long>? UserIds, UserFilter? Filter);
