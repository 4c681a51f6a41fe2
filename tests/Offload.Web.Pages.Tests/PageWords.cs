using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Offload.Testing;

namespace Offload.Web.Pages.Tests;

/// <summary>What a person reads on a server-rendered page: its text, and the titles, labels and placeholders of its controls.</summary>
public static partial class PageWords
{
    /// <summary>Text nodes (scripts and styles left out) and the attributes people read or hear, HTML-decoded.</summary>
    public static IReadOnlyList<string> Read(string html)
    {
        var body = ScriptOrStyle().Replace(html, " ");
        var attributes = ReadAttribute().Matches(body).Select(m => m.Groups[2].Value);
        var text = Tag().Replace(body, "\n").Split('\n');
        return [.. attributes.Concat(text).Select(s => (WebUtility.HtmlDecode(s) ?? "").Trim()).Where(s => s.Length > 0)];
    }

    /// <summary>The words (runs of letters) of a text, lower-cased.</summary>
    public static IEnumerable<string> Words(string text) => Word().Matches(text).Select(m => m.Value.ToLowerInvariant());

    /// <summary>Every word of the French translations: words French shares with English ("Description", "Code") are no evidence.</summary>
    public static HashSet<string> FrenchVocabulary()
    {
        var resx = XDocument.Load(Path.Combine(Checkout.Root, "src", "Offload.Platform", "Localization", "SharedResource.fr.resx"));
        return [.. resx.Root!.Elements("data").SelectMany(d => Words(d.Element("value")!.Value))];
    }

    [GeneratedRegex("<(script|style)\\b.*?</\\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex("\\s(title|aria-label|aria-valuetext|placeholder|data-label-[a-z]+|data-(?:abort|delete)-(?:title|text|ok))=\"([^\"]*)\"")]
    private static partial Regex ReadAttribute();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("\\p{L}+")]
    private static partial Regex Word();
}
