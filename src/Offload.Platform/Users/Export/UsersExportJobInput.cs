using System.Text.Json.Serialization;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;

namespace Offload.Platform.Users.Export;

/// <summary>A users.export job's frozen input (JSON on its row): who asked, and the columns, checked and in order.</summary>
public sealed record UsersExportJobInput([property: JsonRequired] Actor Actor, [property: JsonRequired] IReadOnlyList<string> Columns)
    : ISelectionJobInput;
