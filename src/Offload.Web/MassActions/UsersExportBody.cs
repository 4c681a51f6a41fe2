using Offload.Platform.Users.Export;

namespace Offload.Web.MassActions;

/// <summary>POST /api/mass-actions/users-export (and its preview): {selection, columns, stopOnErrors?}.</summary>
internal sealed record UsersExportBody(SelectionDto? Selection, List<string>? Columns, StopOnErrorsDto? StopOnErrors = null) : ISelectionBody<UsersExportInput>
{
    public UsersExportInput ToInput() => new(Selection?.ToRequest(), Columns);
}
