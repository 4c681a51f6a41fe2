namespace Offload.Browser.Tests;

/// <summary>The page speaks the user's language (en|fr), and ?culture= overrides it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FrenchTests(BrowserFixture fx)
{
    [Fact]
    public async Task Culture_fr_turns_an_english_superadmins_page_french_and_stays_so()
    {
        var page = await fx.PageAsync("admin");
        await page.GotoAsync("/jobs?culture=fr");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Procédures d'arrière-plan");
        await Expect(Tab(page, "Tous les travaux")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(Tab(page, "Mes travaux")).ToBeVisibleAsync();
        await page.Locator("#admin-menu-button").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Menu Admin" })).ToContainTextAsync("Paramètres");

        await Tab(page, "Mes travaux").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Procédures d'arrière-plan");
        await page.GotoAsync("/jobs?culture=en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Background Jobs");
    }

    [Fact]
    public async Task A_french_user_gets_the_page_and_its_live_rows_in_french()
    {
        var api = await fx.App.PowerUserAsync("francoise", "fr");
        var page = await fx.PageAsync("francoise", locale: "fr-FR");
        await page.GotoAsync("/jobs");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Procédures d'arrière-plan");

        var job = await api.ImportJobAsync(Csv.Users("lyon-", 1500, "francoise"), "lyon.csv");

        await Expect(Status(page, job.Id)).ToHaveTextAsync("Terminée");
        await Expect(Row(page, job.Id).Locator(".job-percent")).ToHaveTextAsync("100 %");
        await Expect(Row(page, job.Id).Locator(".job-count")).ToHaveTextAsync("1 500 sur 1 500");
        // The script wrote the start time in the viewer's zone and language, in place of the server's UTC text.
        await Expect(Row(page, job.Id).Locator("time.job-started")).Not.ToContainTextAsync("UTC");
        await Expect(Row(page, job.Id).GetByRole(AriaRole.Link, new() { Name = "Supprimer" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Progression" })).ToBeVisibleAsync();
    }
}
