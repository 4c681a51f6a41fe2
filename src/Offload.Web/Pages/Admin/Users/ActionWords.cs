using System.Globalization;
using Microsoft.Extensions.Localization;
using Offload.Platform;
using Offload.Platform.Identity;
using Offload.Platform.Localization;
using Offload.Platform.MassActions;

namespace Offload.Web.Pages.Admin.Users;

/// <summary>A confirmation as the person reads it: what will happen, the warning that goes with it, how long it should take.</summary>
internal sealed record ActionConfirmation(string Sentence, string? Warning, string Duration);

/// <summary>
/// The words of the selection actions in the viewer's language, in one place: the step page builds its confirmation
/// from them, and the screens hand the same patterns to mass-actions.js (as JSON), so the script translates nothing.
/// A pattern for one is named for the thing ("user"), the pattern for several adds an s ("users").
/// </summary>
internal sealed class ActionWords(IStringLocalizer<SharedResource> t)
{
    public IReadOnlyDictionary<string, string> For(Actor actor) => new Dictionary<string, string>
    {
        ["user"] = t["1 user"], ["users"] = t["{0} users"],
        ["course"] = t["1 course"], ["courses"] = t["{0} courses"],
        // Nothing selected has words of its own: "0 users" would be wrong in French, where zero is singular.
        ["noneSelected"] = t["No user selected"], ["selected"] = t["1 user selected"], ["selecteds"] = t["{0} users selected"],
        // A Superadmin's skipped users are missing ids, themselves or the last Superadmin; a Power User's may also be outside their branches.
        ["skipped"] = actor.IsSuperadmin ? t["1 not found or not yours to change"] : t["1 outside your branches or not yours to change"],
        ["skippeds"] = actor.IsSuperadmin ? t["{0} not found or not yours to change"] : t["{0} outside your branches or not yours to change"],
        ["sentence"] = t["{0}: {1}"],
        ["duration"] = t["Estimated duration: {0}"],
        ["started"] = t["Job started: {0}."], ["follow"] = t["Follow it on Background Jobs"],
        ["noUser"] = t["Choose at least one user."],
    }.Concat(DurationPatterns()).Concat(UserAction.All.SelectMany(ActionPatterns)).ToDictionary();

    /// <summary>
    /// An action's confirmation patterns, keyed by its name: the sentence ("enroll"), what stays as it is ("enrollSame",
    /// "enrollSames") and its warning ("deleteWarning").
    /// </summary>
    private IEnumerable<KeyValuePair<string, string>> ActionPatterns(UserAction action)
    {
        yield return new(action.Name, t[action.Text.Sentence]);
        if (action.Text is { SameOne: { } one, SameMany: { } many })
        {
            yield return new(action.Name + "Same", t[one]);
            yield return new(action.Name + "Sames", t[many]);
        }
        if (action.Text.Warning is { } warning) yield return new(action.Name + "Warning", t[warning]);
    }

    /// <summary>The patterns of an estimated duration, for <see cref="Duration(int)"/> here and for mass-actions.js.</summary>
    private Dictionary<string, string> DurationPatterns() => new()
    {
        ["second"] = t["about 1 second"], ["seconds"] = t["about {0} seconds"],
        ["minute"] = t["about 1 minute"], ["minutes"] = t["about {0} minutes"],
        ["hour"] = t["about 1 hour"], ["hours"] = t["about {0} hours"],
    };

    /// <summary>An estimated duration in words ("about 3 minutes"): the confirmations and the import preview say it alike.</summary>
    public string Duration(int seconds) => Duration(DurationPatterns(), seconds);

    /// <summary>The action's button on the selection bar and on its confirmation.</summary>
    public string Label(UserAction action) => t[action.Text.Label];

    public string Heading(UserAction action) => t[action.Text.Heading];

    /// <summary>An export column as the column picker names it; the value sent stays the CSV header (<c>firstname</c>).</summary>
    public string Column(string column) => column switch
    {
        "id" => t["User id"],
        "username" => t["Username"],
        "email" => t["Email"],
        "firstname" => t["First name"],
        "lastname" => t["Last name"],
        "language" => t["Language"],
        "active" => t["Active"],
        "role" => t["Role"],
        "branches" => t["Branches"],
        _ => column,
    };

    /// <summary>
    /// What a refused step says on the page: the problem's title, and its detail unless that detail tells a script what
    /// to send (<c>Send "courseIds": [...]</c>), which means nothing to someone using the forms.
    /// </summary>
    public (string Title, string? Detail) Refusal(RequestRejectedException e) =>
        (t[e.Title], e.Detail.Contains('"', StringComparison.Ordinal) ? null
            : Problems.Detail(t, e));

    /// <summary>The selection bar's count: "No user selected", "1 user selected", "312 users selected".</summary>
    public static string Selected(IReadOnlyDictionary<string, string> words, long n) => n == 0 ? words["noneSelected"] : Count(words, "selected", n);

    public ActionConfirmation Confirm(UserAction action, ActionPreview preview, int courses, Actor actor)
    {
        var words = For(actor);
        var head = string.Format(CultureInfo.CurrentCulture, words[action.Name], Count(words, "user", preview.Total), Count(words, "course", courses));
        List<string> parts = [];
        if (preview.NoChange > 0 && words.ContainsKey(action.Name + "Same")) parts.Add(Count(words, action.Name + "Same", preview.NoChange));
        if (preview.OutOfScope > 0) parts.Add(Count(words, "skipped", preview.OutOfScope));
        var sentence = parts.Count == 0 ? head : string.Format(CultureInfo.CurrentCulture, words["sentence"], head, string.Join(", ", parts));
        return new ActionConfirmation(sentence, action.IsDangerous ? words[action.Name + "Warning"] : null,
            string.Format(CultureInfo.CurrentCulture, words["duration"], Duration(words, preview.EstimatedSeconds)));
    }

    /// <summary>"1 user" or "312 users", the number in the viewer's format; mass-actions.js counts the same way.</summary>
    public static string Count(IReadOnlyDictionary<string, string> words, string key, long n) =>
        n == 1 ? words[key] : string.Format(CultureInfo.CurrentCulture, words[key + "s"], n.ToString("N0", CultureInfo.CurrentCulture));

    private static string Duration(IReadOnlyDictionary<string, string> words, int seconds) => Math.Max(1, seconds) switch
    {
        < 60 and var s => Count(words, "second", s),
        < 3600 and var s => Count(words, "minute", (s + 59) / 60),
        var s => Count(words, "hour", (s + 3599) / 3600),
    };
}
