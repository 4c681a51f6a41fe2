using Offload.Platform.Users.Status;

namespace Offload.Web.MassActions;

/// <summary>POST /api/mass-actions/users-status (and its preview): {selection, active, stopOnErrors?}.</summary>
internal sealed record UsersStatusBody(SelectionDto? Selection, bool? Active, StopOnErrorsDto? StopOnErrors = null) : ISelectionBody<UsersStatusInput>
{
    public UsersStatusInput ToInput() => new(Selection?.ToRequest(), Active);
}
