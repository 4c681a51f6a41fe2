using Offload.Platform.Selection;

namespace Offload.Platform.Users.Export;

/// <summary>What an export asks for, from the API or the screens: the users, and the columns (every one when none is given).</summary>
public sealed record UsersExportInput(SelectionRequest? Selection, IReadOnlyList<string>? Columns);
