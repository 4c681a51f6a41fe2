using Offload.Jobs;
using Offload.Platform.Enrollments.Enroll;
using Offload.Platform.Enrollments.Unenroll;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;
using Offload.Platform.Selection;
using Offload.Platform.Users.Delete;
using Offload.Platform.Users.Export;
using Offload.Platform.Users.Status;

namespace Offload.Web.Pages.Admin.Users;

/// <summary>What the screens send an action besides the selection: the courses or the columns its step picked, and its error-rate stop.</summary>
internal sealed record ActionChoices(SelectionRequest Selection, IReadOnlyList<long> CourseIds, IReadOnlyList<string> Columns,
    StopOnErrors? StopOnErrors = null);

/// <summary>What an action's step before its confirmation asks for.</summary>
internal enum ActionPicker { None, Courses, Columns }

/// <summary>An action's words, as the English keys of the resources (<see cref="ActionWords"/> translates them).</summary>
/// <param name="Sentence">The confirmation's head: {0} the users, {1} the courses.</param>
/// <param name="SameOne">The users the action leaves as they are (<see cref="ActionPreview.NoChange"/>), one of them; null when it never says.</param>
/// <param name="SameMany">The same, several of them ({0}).</param>
/// <param name="Warning">Said on the confirmation, whose button is then marked as dangerous.</param>
internal sealed record ActionText(string Label, string Heading, string Sentence, string? SameOne = null, string? SameMany = null, string? Warning = null);

/// <summary>
/// One of the six actions the screens offer on a selection, described once: its name in the forms, the JSON API's path
/// (mass-actions.js posts there), its words, what it asks for before its confirmation, and how it previews and starts.
/// </summary>
internal sealed record UserAction(string Name, string ApiPath, ActionPicker Picker, ActionText Text,
    Func<IServiceProvider, ActionChoices, Actor, CancellationToken, Task<ActionPreview>> PreviewAsync,
    Func<IServiceProvider, ActionChoices, Actor, CancellationToken, Task<Job>> StartAsync)
{
    public static readonly IReadOnlyList<UserAction> All =
    [
        Of<EnrollInput>("enroll", "enroll", ActionPicker.Courses,
            new("Enroll", "Enroll users", "Enroll {0} in {1}", "1 already enrolled", "{0} already enrolled"), c => new(c.Selection, c.CourseIds)),
        Of<UnenrollInput>("unenroll", "unenroll", ActionPicker.Courses,
            new("Unenroll", "Unenroll users", "Unenroll {0} from {1}", "1 not enrolled", "{0} not enrolled"), c => new(c.Selection, c.CourseIds)),
        Of<UsersStatusInput>("activate", "users-status", ActionPicker.None,
            new("Activate", "Activate users", "Activate {0}", "1 already active", "{0} already active"), c => new(c.Selection, true)),
        Of<UsersStatusInput>("deactivate", "users-status", ActionPicker.None,
            new("Deactivate", "Deactivate users", "Deactivate {0}", "1 already inactive", "{0} already inactive"), c => new(c.Selection, false)),
        Of<UsersDeleteInput>("delete", "users-delete", ActionPicker.None,
            new("Delete", "Delete users", "Delete {0}", Warning: "This cannot be undone: the users and their enrollments will be deleted for good."),
            c => new(c.Selection)),
        Of<UsersExportInput>("export", "users-export", ActionPicker.Columns,
            new("Export", "Export users", "Export {0}"), c => new(c.Selection, c.Columns)),
    ];

    public static UserAction? Find(string? name) => All.FirstOrDefault(a => a.Name == name);

    public bool NeedsCourses => Picker == ActionPicker.Courses;

    public bool NeedsColumns => Picker == ActionPicker.Columns;

    /// <summary>The step before the confirmation gathers courses or columns.</summary>
    public bool NeedsPicker => Picker != ActionPicker.None;

    /// <summary>Its confirmation warns, and its buttons look dangerous.</summary>
    public bool IsDangerous => Text.Warning is not null;

    /// <summary>An action driven through the platform's <see cref="ISelectionAction{TInput}"/>, from the choices turned into its input.</summary>
    private static UserAction Of<TInput>(string name, string apiPath, ActionPicker picker, ActionText text, Func<ActionChoices, TInput> input) =>
        new(name, apiPath, picker, text,
            (services, choices, actor, ct) => services.GetRequiredService<ISelectionAction<TInput>>().PreviewAsync(input(choices), actor, ct),
            (services, choices, actor, ct) => services.GetRequiredService<ISelectionAction<TInput>>().StartAsync(input(choices), actor, choices.StopOnErrors, ct));
}
