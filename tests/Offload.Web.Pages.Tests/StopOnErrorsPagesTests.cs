using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Offload.Jobs;
using Offload.Platform.Identity;

namespace Offload.Web.Pages.Tests;

/// <summary>
/// The launch screens' advanced error-rate stop without JavaScript (SPEC §10): a folded field of two numbers on the
/// selection actions' confirmation (blank: no stop) and on the import's Start (prefilled with its default); a number out
/// of range is said on the same screen, with the field open, and starts nothing.
/// </summary>
public sealed partial class StopOnErrorsPagesTests(SelectionPagesApp fx) : IClassFixture<SelectionPagesApp>
{
    private const string Step = "/admin/users/actions";

    private static KeyValuePair<string, string> F(string name, object value) =>
        new(name, Convert.ToString(value, CultureInfo.InvariantCulture)!);

    [GeneratedRegex(@"started=([0-9a-f-]{36})")]
    private static partial Regex Started();

    [Fact]
    public async Task The_confirmation_offers_the_stop_folded_away_and_the_job_runs_under_what_was_typed()
    {
        var branch = await fx.App.CreateBranchAsync("Stop pages");
        var user = await fx.App.CreateUserAsync("stop-page-1", Roles.User, [branch]);
        var admin = await fx.App.AdminAsync();
        const string list = "/admin/users?text=stop-page-";
        KeyValuePair<string, string>[] chosen = [F("act", "deactivate"), F("text", "stop-page-"), F("userIds", user)];

        var confirm = WebUtility.HtmlDecode(await (await admin.SubmitAsync(list, [.. chosen, F("step", "review")], Step)).Content.ReadAsStringAsync());
        Assert.Matches("<details class=\"advanced\">\\s*<summary>Advanced: stop on errors</summary>", confirm);
        // Blank: no value at all, so the job runs to the end unless one is typed.
        Assert.Matches("<input id=\"action-stop-percent\" name=\"stopOnErrors.percent\" type=\"number\" min=\"1\" max=\"100\"(?![^>]*value=)[^>]*>", confirm);
        Assert.Contains("Left blank, the job runs to the end whatever fails.", confirm, StringComparison.Ordinal);

        var refused = await admin.SubmitAsync(list, [.. chosen, F("step", "run"), F("stopOnErrors.percent", "0"), F("stopOnErrors.after", "5")], Step);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var said = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("The error-rate stop's percentage is out of range", said, StringComparison.Ordinal);
        Assert.Matches("<details class=\"advanced\" open=\"open\">", said);
        Assert.Contains("value=\"0\"", said, StringComparison.Ordinal);

        var started = await admin.SubmitAsync(list, [.. chosen, F("step", "run"), F("stopOnErrors.percent", "30"), F("stopOnErrors.after", "5")], Step);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var job = await fx.JobAsync(Guid.Parse(Started().Match(started.Headers.Location!.OriginalString).Groups[1].Value));
        Assert.Equal(new StopOnErrors(30, 5), job.StopOnErrors);

        var plain = await admin.SubmitAsync(list, [.. chosen, F("step", "run"), F("stopOnErrors.percent", ""), F("stopOnErrors.after", "")], Step);
        Assert.Null((await fx.JobAsync(Guid.Parse(Started().Match(plain.Headers.Location!.OriginalString).Groups[1].Value))).StopOnErrors);
    }

    [Fact]
    public async Task The_import_start_offers_the_stop_prefilled_with_its_default_in_english_and_french()
    {
        var admin = await fx.App.AdminAsync();
        var uploaded = await admin.UploadAsync("/admin/users/import", Encoding.UTF8.GetBytes("username,email\nstop-imp,stop-imp@example.com\n"), "few.csv");
        var preview = uploaded.Headers.Location!.OriginalString;
        var (_, html) = await admin.GetAsync(preview);
        Assert.Matches("name=\"stopOnErrors.percent\"[^>]*value=\"50\"", html);
        Assert.Matches("name=\"stopOnErrors.after\"[^>]*value=\"1000\"", html);

        var refused = await admin.SubmitAsync(preview, [F("stopOnErrors.percent", "50"), F("stopOnErrors.after", "0")], preview + "?handler=Start");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The error-rate stop's item count is out of range", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        // Last: the culture chosen sticks to the session.
        var (_, french) = await admin.GetAsync(preview + "?culture=fr");
        Assert.Contains("Avancé : arrêt sur erreurs", WebUtility.HtmlDecode(french), StringComparison.Ordinal);

        var started = await admin.SubmitAsync(preview, [F("stopOnErrors.percent", "50"), F("stopOnErrors.after", "1000")], preview + "?handler=Start");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var job = await fx.JobAsync(Guid.Parse(Started().Match(started.Headers.Location!.OriginalString).Groups[1].Value));
        Assert.Equal(new StopOnErrors(50, 1000), job.StopOnErrors);
    }
}
