namespace Offload.Browser.Tests;

/// <summary>Finding jobs on the Background Jobs page (issue 20): the filter form by keyboard, and live rows that respect it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class JobFindTests(BrowserFixture fx)
{
    [Fact]
    public async Task A_text_filter_typed_with_the_keyboard_keeps_its_jobs_and_only_matching_new_ones_appear_live()
    {
        var api = await fx.App.ApiAsync("admin");
        var wanted = await api.ImportJobAsync(Csv.Users("find-a", 2), "harbour-intake.csv");
        var other = await api.ImportJobAsync(Csv.Users("find-b", 2), "mountain-intake.csv");
        var page = await fx.PageAsync("admin");
        await page.GotoAsync("/jobs");

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Text" }).FocusAsync();
        await page.Keyboard.TypeAsync("HARBOUR");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]q=HARBOUR"));
        await Expect(Row(page, wanted.Id)).ToBeVisibleAsync();
        await Expect(Row(page, other.Id)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Searchbox, new() { Name = "Text" })).ToHaveValueAsync("HARBOUR");

        // Live: a new job of another file stays out; one of this file comes in without a reload.
        await JobsPage.MarkAsync(page);
        var unrelated = await api.ImportJobAsync(Csv.Users("find-c", 2), "desert-intake.csv");
        var matching = await api.ImportJobAsync(Csv.Users("find-d", 2), "harbour-second.csv");
        await Expect(Row(page, matching.Id)).ToBeVisibleAsync();
        await Expect(Row(page, unrelated.Id)).ToHaveCountAsync(0);
        Assert.True(await JobsPage.StillMarkedAsync(page));

        await page.GetByRole(AriaRole.Link, new() { Name = "Clear filters" }).ClickAsync();
        await Expect(Row(page, unrelated.Id)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Searchbox, new() { Name = "Text" })).ToHaveValueAsync("");
    }
}
