using System.Text.Json.Serialization;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;

namespace Offload.Platform.Users.Status;

/// <summary>A users.status job's frozen input (JSON on its row): who asked, and whether to activate or deactivate.</summary>
public sealed record UsersStatusJobInput([property: JsonRequired] Actor Actor, [property: JsonRequired] bool Active) : ISelectionJobInput
{
    /// <summary>The user this action refuses whatever their role: the actor, when deactivating (nobody locks themselves out).</summary>
    [JsonIgnore] // a rule, not part of the stored input
    public long? RefusedUserId => Active ? null : Actor.Id;
}
