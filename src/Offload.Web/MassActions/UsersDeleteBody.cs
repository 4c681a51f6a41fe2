using Offload.Platform.Users.Delete;

namespace Offload.Web.MassActions;

/// <summary>POST /api/mass-actions/users-delete (and its preview): {selection}.</summary>
internal sealed record UsersDeleteBody(SelectionDto? Selection) : ISelectionBody<UsersDeleteInput>
{
    public UsersDeleteInput ToInput() => new(Selection?.ToRequest());
}
