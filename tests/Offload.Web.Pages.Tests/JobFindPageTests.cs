using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs.Storage;
using Offload.Platform.Identity;

namespace Offload.Web.Pages.Tests;

/// <summary>The admin's 55 jobs of one file name and a Power User's own job; no workers, so every job stays queued.</summary>
public sealed class JobFindPagesApp : IAsyncLifetime, IDisposable
{
    public PagesApp App { get; } = new();

    public JobFindPagesApp() => App.Settings["Offload:Workers"] = "0";

    public async Task InitializeAsync()
    {
        var north = await App.CreateBranchAsync("North");
        var pu = await App.AddUserAsync("pu.find", Roles.PowerUser, [north]);
        var jobs = App.Services.GetRequiredService<IJobStore>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 55; i++)
        {
            var at = now.AddMilliseconds(i - 100);
            await jobs.EnqueueAsync(new EnqueueRequest(Guid.CreateVersion7(at), "test.kind", $"Import of payroll-{i:00}.csv", 1, "admin", 1, "{}",
                at, at.AddDays(14)), default);
        }
        await jobs.EnqueueAsync(new EnqueueRequest(Guid.CreateVersion7(now), "test.kind", "Import of north-staff.csv", pu, "pu.find", 1, "{}",
            now, now.AddDays(14)), default);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => App.Dispose();
}

/// <summary>The Background Jobs page's filter form (issue 20): a plain GET form, read back, kept by the pager, in both languages.</summary>
public sealed class JobFindPageTests(JobFindPagesApp fx) : IClassFixture<JobFindPagesApp>
{
    private static string Text(string html) => string.Join(" | ", PageWords.Read(html));

    [Fact]
    public async Task The_form_filters_without_javascript_and_the_older_link_keeps_the_filters()
    {
        var (response, html) = await (await fx.App.AdminAsync()).GetAsync("/jobs?scope=all&q=PAYROLL&owner=admin&from=2000-01-01");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Text(html);
        Assert.Contains("Kind | Any kind | Activation / deactivation", text, StringComparison.Ordinal);
        Assert.Contains("<label for=\"owner\">Owner</label>", html, StringComparison.Ordinal);
        Assert.Contains("<input id=\"from\" name=\"from\" type=\"date\" value=\"2000-01-01\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"q\" type=\"search\" value=\"PAYROLL\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/jobs?scope=all\" class=\"clear-filters\">Clear filters</a>", html, StringComparison.Ordinal);
        Assert.Contains("Import of payroll-54.csv", html, StringComparison.Ordinal);
        Assert.Contains("Import of payroll-05.csv", html, StringComparison.Ordinal);
        Assert.DoesNotContain("payroll-04.csv", html, StringComparison.Ordinal); // the 51st: on the next page
        Assert.DoesNotContain("north-staff.csv", html, StringComparison.Ordinal);
        var older = System.Text.RegularExpressions.Regex.Match(html, "id=\"jobs-more\" href=\"([^\"]+)\"").Groups[1].Value;
        Assert.Contains("q=PAYROLL", older, StringComparison.Ordinal);
        Assert.Contains("owner=admin", older, StringComparison.Ordinal);
        Assert.Contains("from=2000-01-01", older, StringComparison.Ordinal);
        var (_, next) = await (await fx.App.AdminAsync()).GetAsync(System.Net.WebUtility.HtmlDecode(older));
        Assert.Contains("Import of payroll-00.csv", next, StringComparison.Ordinal);
        Assert.DoesNotContain("payroll-05.csv", next, StringComparison.Ordinal);
        Assert.DoesNotContain("north-staff.csv", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_power_user_has_no_owner_field_and_naming_someone_else_shows_nothing()
    {
        var browser = await fx.App.SignedInAsync("pu.find", PagesApp.PasswordOf("pu.find"));
        var (_, own) = await browser.GetAsync("/jobs?q=staff");
        Assert.Contains("Import of north-staff.csv", own, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"owner\"", own, StringComparison.Ordinal);
        var (_, other) = await browser.GetAsync("/jobs?owner=admin&q=payroll");
        Assert.DoesNotContain("Import of payroll", other, StringComparison.Ordinal);
        Assert.Contains("No background jobs match these filters.", Text(other), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_date_is_named_on_the_form_in_french_and_english()
    {
        var admin = await fx.App.AdminAsync();
        var (response, en) = await admin.GetAsync("/jobs?from=2026-13-01");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<p class=\"form-error\" role=\"alert\" id=\"filter-error\">Invalid date: Created from</p>", en, StringComparison.Ordinal);
        Assert.Contains("id=\"from\" name=\"from\" type=\"date\" value=\"2026-13-01\" aria-invalid=\"true\" aria-describedby=\"filter-error\"", en,
            StringComparison.Ordinal);
        Assert.DoesNotContain("payroll", en, StringComparison.Ordinal);
        var (_, fr) = await admin.GetAsync("/jobs?from=2026-12-02&to=2026-12-01&culture=fr");
        var text = Text(fr);
        Assert.Contains("Dates dans le mauvais ordre : Créées jusqu'au", text, StringComparison.Ordinal);
        Assert.Contains("Type | Tous les types", text, StringComparison.Ordinal);
        Assert.Contains("Effacer les filtres", text, StringComparison.Ordinal);
        Assert.Contains("Créées à partir du", text, StringComparison.Ordinal);
    }
}
