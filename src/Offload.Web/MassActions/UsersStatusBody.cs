using Offload.Platform.Users.Status;

namespace Offload.Web.MassActions;

/// <summary>POST /api/mass-actions/users-status (and its preview): {selection, active}.</summary>
internal sealed record UsersStatusBody(SelectionDto? Selection, bool? Active) : ISelectionBody<UsersStatusInput>
{
    public UsersStatusInput ToInput() => new(Selection?.ToRequest(), Active);
}
