using System.Text.Json.Serialization;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;

namespace Offload.Platform.Users.Delete;

/// <summary>A users.delete job's frozen input (JSON on its row): who asked.</summary>
public sealed record UsersDeleteJobInput([property: JsonRequired] Actor Actor) : ISelectionJobInput
{
    /// <summary>The user this action refuses whatever their role: the actor.</summary>
    [JsonIgnore] // a rule, not part of the stored input
    public long RefusedUserId => Actor.Id;
}
