using Microsoft.Extensions.Localization;
using Offload.Jobs;
using Offload.Platform.Enrollments.Enroll;
using Offload.Platform.Enrollments.Unenroll;
using Offload.Platform.MassActions.Undo;
using Offload.Platform.Users.Delete;
using Offload.Platform.Users.Export;
using Offload.Platform.Users.Import;
using Offload.Platform.Users.Status;

namespace Offload.Web.Jobs;

/// <summary>The kinds of job this host runs (one per registered handler) and their names in words, for the list's kind filter.</summary>
internal sealed class JobKinds(IEnumerable<IJobHandler> handlers)
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        [UsersImportHandler.KindName] = "Import users",
        [EnrollHandler.KindName] = "Enroll",
        [UnenrollHandler.KindName] = "Unenroll",
        [UsersStatusHandler.KindName] = "Activate or deactivate",
        [UsersDeleteHandler.KindName] = "Delete users",
        [UsersExportHandler.KindName] = "Export users",
        [UndoHandler.KindName] = "Undo",
    };

    private readonly HashSet<string> _known = [.. handlers.Select(h => h.Kind)];

    public bool Knows(string kind) => _known.Contains(kind);

    /// <summary>The kinds' names as the API spells them, for a refusal that lists them.</summary>
    public string Names => string.Join(", ", _known.Order(StringComparer.Ordinal));

    /// <summary>Every kind with its name in the request's language, sorted by that name.</summary>
    public IReadOnlyList<(string Kind, string Label)> Labelled(IStringLocalizer t) =>
        [.. _known.Select(k => (k, Label(t, k))).OrderBy(k => k.Item2, StringComparer.CurrentCulture)];

    /// <summary>A kind's name in words; a kind without one (a test's) shows as it is.</summary>
    public static string Label(IStringLocalizer t, string kind) => Words.TryGetValue(kind, out var words) ? t[words] : kind;
}
