using Microsoft.Extensions.Localization;
using Offload.Jobs;
using Offload.Platform.Localization;
using Offload.Platform.Notifications;

namespace Offload.Web.Jobs;

/// <summary>The kinds of job this host runs (one per registered handler), for the list's kind filter.</summary>
internal sealed class JobKinds(IEnumerable<IJobHandler> handlers)
{
    private readonly HashSet<string> _known = [.. handlers.Select(h => h.Kind)];

    public bool Knows(string kind) => _known.Contains(kind);

    /// <summary>The kinds' names as the API spells them, for a refusal that lists them.</summary>
    public string Names => string.Join(", ", _known.Order(StringComparer.Ordinal));

    /// <summary>Every kind with its name in the request's language (as mails name it), sorted by that name.</summary>
    public IReadOnlyList<(string Kind, string Label)> Labelled(IStringLocalizer<SharedResource> t) =>
        [.. _known.Select(k => (k, JobKindNames.Name(t, k))).OrderBy(k => k.Item2, StringComparer.CurrentCulture)];
}
