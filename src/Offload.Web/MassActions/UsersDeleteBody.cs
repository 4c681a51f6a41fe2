using Offload.Platform.Users.Delete;

namespace Offload.Web.MassActions;

/// <summary>POST /api/mass-actions/users-delete (and its preview): {selection, stopOnErrors?}.</summary>
internal sealed record UsersDeleteBody(SelectionDto? Selection, StopOnErrorsDto? StopOnErrors = null) : ISelectionBody<UsersDeleteInput>
{
    public UsersDeleteInput ToInput() => new(Selection?.ToRequest());
}
