using Offload.Platform.Identity;

namespace Offload.Browser.Tests;

/// <summary>The audit trail's page (issue 20): reached from the Admin Menu by keyboard, filtered without script, in pictures.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditPageTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_superadmin_opens_it_from_the_menu_filters_by_who_and_sees_a_deleted_jobs_entries()
    {
        await fx.App.CreateUserAsync("audit-sa", Roles.Superadmin);
        var api = await fx.App.ApiAsync("audit-sa");
        var job = await api.ImportJobAsync(Csv.Users("audit-page-", 3), "audit.csv");
        await api.WaitFinishedAsync(job.Id);
        (await api.DeleteAsync($"/api/jobs/{job.Id}")).EnsureSuccessStatusCode();
        var kept = await api.ImportJobAsync(Csv.Users("audit-kept-", 2), "kept.csv");
        await api.WaitFinishedAsync(kept.Id);

        var page = await fx.PageAsync("audit-sa");
        var keys = page.Keyboard;
        await page.GotoAsync("/");
        await Focus.TabToAsync(page, page.Locator("#admin-menu-button"));
        await keys.PressAsync("Enter");
        var link = page.GetByRole(AriaRole.Navigation, new() { Name = "Admin Menu" }).GetByRole(AriaRole.Link, new() { Name = "Audit trail" });
        await Focus.TabToAsync(page, link);
        await keys.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/audit$"));

        await Focus.TabToAsync(page, page.GetByLabel("Who (username)"));
        await keys.TypeAsync("AUDIT-SA");
        await keys.PressAsync("Enter");
        var rows = page.Locator("#audit tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Locator("td:nth-child(3)")).ToHaveTextAsync(["Job started", "Job deleted", "Job started"]);
        await Expect(rows.Nth(1).Locator("td:nth-child(4)")).ToHaveTextAsync("Deleted job");
        await Expect(rows.Nth(0).GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"/jobs/{kept.Id}");
        await Expect(page.Locator("#audit-csv")).ToHaveAttributeAsync("href", "/api/audit.csv?actor=AUDIT-SA");
        await Shots.TakeAsync(page, "audit-en.png", 1280, 700);

        await page.GotoAsync("/admin/audit?actor=audit-sa&culture=fr");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Journal d'audit");
        await Expect(page.Locator("#audit tbody tr").Nth(1).Locator("td:nth-child(4)")).ToHaveTextAsync("Procédure supprimée");
        await Shots.TakeAsync(page, "audit-phone-fr.png", Visitor.PhoneWidth, Visitor.PhoneHeight, fullPage: true);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
    }
}
