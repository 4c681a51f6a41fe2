using System.Text.RegularExpressions;
using Offload.Web.Localization;

namespace Offload.Web.Tests;

/// <summary>Every text the UI passes through T("…") has its French, so a French page never falls back to English by accident.</summary>
public sealed partial class FrenchTextsTests
{
    [Fact]
    public void Every_ui_text_has_a_french_translation()
    {
        var web = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(web.FullName, "Offload.slnx"))) web = web.Parent!;
        var used = Directory.EnumerateFiles(Path.Combine(web.FullName, "src", "Offload.Web"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => UiTextCall().Matches(File.ReadAllText(f)).Select(m => Regex.Unescape(m.Groups[1].Value)))
            .ToHashSet();

        Assert.NotEmpty(used);
        Assert.Equal([], used.Where(text => !FrenchTexts.All.ContainsKey(text)).Order());
        Assert.Equal([], FrenchTexts.All.Keys.Where(text => !used.Contains(text)).Order()); // no translation left behind
    }

    [GeneratedRegex("""\bT\("((?:[^"\\]|\\.)*)"[,)]""")]
    private static partial Regex UiTextCall();
}
