using System.Net;
using System.Text.RegularExpressions;

namespace Offload.Web.Pages.Tests;

/// <summary>
/// Every page, as a French Superadmin and a French Power User would see it, holds no English (SPEC §6). English is
/// told by the words the same page shows in English that no French translation uses, so the test needs no
/// dictionary and fails as soon as one text falls back to its English key.
/// </summary>
public sealed class FrenchPagesTests(FrenchPagesApp fx) : IClassFixture<FrenchPagesApp>
{
    /// <summary>Names and data, not words of the UI: the product, the test's own people and places, time zone, mail domain.</summary>
    private static readonly HashSet<string> Allowed =
        ["offload", "csv", "utc", "camille", "pierre", "zoe", "zoé", "lea", "lyon", "chimie", "chm", "eleves", "example", "org", "com", "localhost", "admin", "english", "français"];

    [Fact]
    public async Task Every_page_of_a_french_superadmin_is_french()
    {
        var english = await Browse("camille", "en");
        var french = await Browse("camille", "fr");
        AssertNoEnglish(english, french);
    }

    [Fact]
    public async Task Every_page_of_a_french_power_user_is_french()
    {
        AssertNoEnglish(await Browse("pierre", "en"), await Browse("pierre", "fr"));
    }

    [Fact]
    public async Task The_seed_words_are_the_french_ui_words()
    {
        var pages = await Browse("camille", "fr");
        var jobs = pages["/jobs"];
        Assert.Contains("Procédures d'arrière-plan", jobs); // the page's <title> and <h1>
        Assert.Contains("Menu Admin", jobs);
        Assert.Contains("Paramètres", jobs);
        Assert.Contains("Tous les travaux", jobs);
        Assert.Contains("Mes travaux", jobs);
        Assert.Contains("Journal des téléchargements", jobs);
        Assert.Contains("Zone de notification des procédures d'arrière-plan", jobs); // the arrow's name
        Assert.Contains("Import de eleves.csv (2 lignes)", jobs);
        Assert.Contains("Inscrire 1 utilisateur à 1 cours", jobs);
        Assert.DoesNotContain(jobs, s => s.Contains("tâche", StringComparison.OrdinalIgnoreCase));
        var (_, html) = await (await fx.App.SignedInAsync("camille", PagesApp.PasswordOf("camille"))).GetAsync("/");
        var menu = Regex.Match(WebUtility.HtmlDecode(html), "<nav class=\"admin-menu-panel\" aria-label=\"Menu Admin\">.*?<h2[^>]*>Paramètres</h2>.*?<a href=\"/jobs\">Procédures d'arrière-plan</a>", RegexOptions.Singleline);
        Assert.True(menu.Success, "Menu Admin → Paramètres → Procédures d'arrière-plan");
    }

    /// <summary>Each page's readable texts, keyed by its address, for one of the test's users in one language.</summary>
    private async Task<Dictionary<string, IReadOnlyList<string>>> Browse(string username, string culture)
    {
        var browser = await fx.App.SignedInAsync(username, PagesApp.PasswordOf(username));
        var paths = new List<string>
        {
            "/", "/jobs", "/jobs?scope=mine", "/jobs?status=completed", $"/jobs/{fx.Finished}", $"/jobs/{fx.Queued}", $"/jobs/{fx.Queued}/abort", $"/jobs/{fx.Finished}/abort",
            $"/jobs/{fx.Finished}/delete", $"/jobs/{fx.Queued}/delete", $"/jobs/{fx.Finished}/retry", $"/jobs/{fx.Queued}/retry", "/notifications", "/admin/users", "/admin/users?text=nobody",
            "/admin/branches", "/admin/courses", "/profile", "/logout", "/forbidden", "/admin/users/import",
        };
        if (username == "camille") paths.AddRange(["/admin/users/new", $"/admin/users/{fx.Learner}"]);
        // The audit trail (issue 20): a Superadmin's page with entries and one with none; a Power User's 403.
        paths.AddRange(["/admin/audit", "/admin/audit?action=job.pause"]);
        // Issue 17's selection screens: the whole filter selected, the notice of a started job, a course's Enroll users.
        paths.AddRange(["/admin/users?all=filter", $"/admin/users?started={fx.Queued}", $"/admin/courses?started={fx.Queued}",
            $"/admin/courses/{fx.Course}/enroll"]);
        // Issue 20's filter form: filters that match, a bad date named on the form.
        paths.AddRange(["/jobs?q=eleves&kind=users.import&from=2020-01-01", "/jobs?to=2020-13-01", "/jobs?q=nothing-matches-this"]);
        // Issue 20's pause and resume: the pages a GET opens (the buttons post to them directly).
        paths.AddRange([$"/jobs/{fx.Queued}/pause", $"/jobs/{fx.Queued}/resume", $"/jobs/{fx.Finished}/pause"]);
        var pages = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var path in paths)
        {
            var (response, html) = await browser.GetAsync(path + (path.Contains('?') ? "&" : "?") + "culture=" + culture);
            // Another's job is a 404 for a Power User, as in the API: no page to read.
            if (response.StatusCode == HttpStatusCode.NotFound && username == "pierre" && path.StartsWith("/jobs/", StringComparison.Ordinal)) continue;
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden, $"{path}: {response.StatusCode}");
            pages[path] = PageWords.Read(html);
        }
        if (username == "camille")
        {
            // Forms sent back wrong show their checks' messages.
            pages["POST /admin/users/new"] = await PostAsync(browser, "/admin/users/new", culture,
                [new("Input.Username", "bad name!"), new("Input.Email", "nope"), new("Input.Language", "fr"), new("Input.Role", "user"),
                 new("Input.Password", "short"), new("Input.FirstName", new string('x', 101))]);
            pages["POST /admin/branches"] = await PostAsync(browser, "/admin/branches", culture, [new("Input.Name", "")]);
            pages["POST /admin/courses"] = await PostAsync(browser, "/admin/courses", culture, [new("Input.Code", ""), new("Input.Title", "")]);
        }
        // Import users: the preview step of a file with errors (its reasons are shown), and a refused file.
        var uploaded = await browser.UploadAsync("/admin/users/import?culture=" + culture,
            System.Text.Encoding.UTF8.GetBytes("username,email,branch\nlea,lea@example.org,\nzoe,zoe,chimie\n\n"), "eleves.csv");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        pages["/admin/users/import/{previewId}"] = PageWords.Read((await browser.GetAsync(uploaded.Headers.Location!.OriginalString + "?culture=" + culture)).Html);
        var refused = await browser.UploadAsync("/admin/users/import?culture=" + culture, System.Text.Encoding.UTF8.GetBytes("username\nzoe\n"), "eleves.csv");
        pages["POST /admin/users/import"] = PageWords.Read(await refused.Content.ReadAsStringAsync());
        foreach (var (name, fields, status) in SelectionSteps())
            pages["POST /admin/users/actions " + name] = await PostAsync(browser, "/admin/users", culture, fields, status, "/admin/users/actions");
        var anonymous = fx.App.NewBrowser();
        pages["/login"] = PageWords.Read((await anonymous.GetAsync("/login?culture=" + culture)).Html);
        var wrong = await anonymous.SubmitAsync("/login?culture=" + culture, [new("Input.Username", "camille"), new("Input.Password", "wrong-password")]);
        pages["POST /login"] = PageWords.Read(await wrong.Content.ReadAsStringAsync());
        return pages;
    }

    /// <summary>Each step of the selection actions' pages: pickers, confirmations (with a line for skipped users), a refusal.</summary>
    private IEnumerable<(string Name, KeyValuePair<string, string>[] Fields, HttpStatusCode Status)> SelectionSteps()
    {
        var learner = new KeyValuePair<string, string>("userIds", fx.Learner.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var missing = new KeyValuePair<string, string>("userIds", "999999");
        var course = new KeyValuePair<string, string>("courseIds", fx.Course.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("enroll picker", [new("act", "enroll"), learner], HttpStatusCode.OK);
        yield return ("enroll confirm", [new("act", "enroll"), new("step", "review"), learner, missing, course], HttpStatusCode.OK);
        yield return ("unenroll confirm", [new("act", "unenroll"), new("step", "review"), learner, course], HttpStatusCode.OK);
        yield return ("export picker", [new("act", "export"), learner], HttpStatusCode.OK);
        yield return ("delete confirm", [new("act", "delete"), new("step", "review"), learner, missing], HttpStatusCode.OK);
        yield return ("activate confirm", [new("act", "activate"), new("step", "review"), learner], HttpStatusCode.OK);
        yield return ("course enroll confirm", [new("act", "enroll"), new("step", "review"), new("from", "courses"), new("selectAll", "filter"), course], HttpStatusCode.OK);
        yield return ("no user", [new("act", "deactivate")], HttpStatusCode.BadRequest);
        yield return ("no course", [new("act", "enroll"), new("step", "review"), learner], HttpStatusCode.BadRequest);
    }

    private static async Task<IReadOnlyList<string>> PostAsync(Browser browser, string path, string culture, KeyValuePair<string, string>[] fields,
        HttpStatusCode status = HttpStatusCode.OK, string? action = null)
    {
        var response = await browser.SubmitAsync($"{path}?culture={culture}", fields, action is null ? null : $"{action}?culture={culture}");
        Assert.Equal(status, response.StatusCode); // shown again with the errors, not saved
        return PageWords.Read(await response.Content.ReadAsStringAsync());
    }

    /// <summary>English words: shown by the English pages, used by no French translation, and no name of the test's data.</summary>
    private static void AssertNoEnglish(Dictionary<string, IReadOnlyList<string>> english, Dictionary<string, IReadOnlyList<string>> french)
    {
        var frenchWords = PageWords.FrenchVocabulary();
        var englishOnly = english.Values.SelectMany(texts => texts).SelectMany(PageWords.Words)
            .Where(w => !frenchWords.Contains(w) && !Allowed.Contains(w)).ToHashSet();
        Assert.NotEmpty(englishOnly);
        var leftovers = french
            .SelectMany(page => page.Value.Where(text => PageWords.Words(text).Any(englishOnly.Contains)).Select(text => $"{page.Key}: {text}"))
            .Distinct().Order().ToList();
        Assert.True(leftovers.Count == 0, string.Join("\n", leftovers));
    }
}
