using Offload.Jobs;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;
using Offload.Platform.Selection;

namespace Offload.Web.Pages.Admin.Users;

/// <summary>
/// One of the six actions the screens offer on a selection, as the forms name it (<see cref="Name"/>) and as the
/// JSON API does (<see cref="ApiPath"/>): what it asks for before its confirmation, and how it previews and starts.
/// </summary>
internal sealed record UserAction(string Name, string ApiPath, bool NeedsCourses = false, bool NeedsColumns = false, bool? Active = null)
{
    public static readonly IReadOnlyList<UserAction> All =
    [
        new("enroll", "enroll", NeedsCourses: true),
        new("unenroll", "unenroll", NeedsCourses: true),
        new("activate", "users-status", Active: true),
        new("deactivate", "users-status", Active: false),
        new("delete", "users-delete"),
        new("export", "users-export", NeedsColumns: true),
    ];

    public static UserAction? Find(string? name) => All.FirstOrDefault(a => a.Name == name);

    /// <summary>The step before the confirmation gathers courses or columns.</summary>
    public bool NeedsPicker => NeedsCourses || NeedsColumns;

    public Task<ActionPreview> PreviewAsync(UserActions actions, SelectionRequest selection, IReadOnlyList<long> courseIds,
        IReadOnlyList<string> columns, Actor actor, CancellationToken ct) => Name switch
    {
        "enroll" => actions.PreviewEnrollAsync(selection, courseIds, actor, ct),
        "unenroll" => actions.PreviewUnenrollAsync(selection, courseIds, actor, ct),
        "activate" or "deactivate" => actions.PreviewStatusAsync(selection, Active, actor, ct),
        "delete" => actions.PreviewDeleteAsync(selection, actor, ct),
        _ => actions.PreviewExportAsync(selection, columns, actor, ct),
    };

    public Task<Job> StartAsync(UserActions actions, SelectionRequest selection, IReadOnlyList<long> courseIds,
        IReadOnlyList<string> columns, Actor actor, CancellationToken ct) => Name switch
    {
        "enroll" => actions.EnrollAsync(selection, courseIds, actor, ct),
        "unenroll" => actions.UnenrollAsync(selection, courseIds, actor, ct),
        "activate" or "deactivate" => actions.SetStatusAsync(selection, Active, actor, ct),
        "delete" => actions.DeleteAsync(selection, actor, ct),
        _ => actions.ExportAsync(selection, columns, actor, ct),
    };
}
