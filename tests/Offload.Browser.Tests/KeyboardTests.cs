using System.Text.RegularExpressions;

namespace Offload.Browser.Tests;

/// <summary>Issue 16: the jobs page's whole path with the keyboard alone, focus always visible and never dropped on &lt;body&gt;.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class KeyboardTests(BrowserFixture fx)
{
    [Fact]
    public async Task With_the_keyboard_alone_a_power_user_reaches_the_jobs_aborts_and_deletes_through_the_confirmations_and_opens_the_arrows_area()
    {
        var api = await fx.App.PowerUserAsync("keys-pu");
        var done = await api.ImportJobAsync(Csv.Users("keys-done-", 3, "keys-pu"), "finished.csv");
        await api.WaitFinishedAsync(done.Id);
        var running = await api.ImportJobAsync(Csv.Users("keys-run-", 100_000, "keys-pu"), "running.csv");
        var page = await fx.PageAsync("keys-pu");
        var keys = page.Keyboard;
        await page.GotoAsync("/");

        // The gear opens the Admin Menu; Escape closes it and leaves focus on the gear.
        var gear = page.Locator("#admin-menu-button");
        await TabToAsync(page, gear);
        await AssertRingAsync(page);
        await keys.PressAsync("Enter");
        var jobsLink = page.GetByRole(AriaRole.Navigation, new() { Name = "Admin Menu" }).GetByRole(AriaRole.Link, new() { Name = "Background Jobs" });
        await Expect(jobsLink).ToBeVisibleAsync();
        await keys.PressAsync("Escape");
        await Expect(jobsLink).ToBeHiddenAsync();
        await Expect(gear).ToBeFocusedAsync();
        await keys.PressAsync("Space");
        await TabToAsync(page, jobsLink);
        await AssertRingAsync(page);
        await keys.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(JobsUrl());

        // X: the confirmation opens; Escape cancels it and gives focus back to the X; Space on "Abort job" aborts.
        var abort = Row(page, running.Id).GetByRole(AriaRole.Link, new() { Name = "Abort", Exact = true });
        await TabToAsync(page, abort);
        await AssertRingAsync(page);
        await keys.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Aborting cannot be undone");
        await keys.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(abort).ToBeFocusedAsync();
        await Expect(Status(page, running.Id)).ToHaveTextAsync("Running");
        await keys.PressAsync("Enter");
        await TabToAsync(page, dialog.GetByRole(AriaRole.Button, new() { Name = "Abort job" }));
        await AssertRingAsync(page);
        await keys.PressAsync("Space");
        await Expect(Status(page, running.Id)).ToHaveTextAsync(Aborted());
        await Expect(Status(page, running.Id)).ToBeFocusedAsync();

        // Trash: Tab on from there to the finished job's trash; Enter on "Delete job" removes the row, and focus
        // goes to the next row's status instead of falling to <body>.
        var trash = Row(page, done.Id).GetByRole(AriaRole.Link, new() { Name = "Delete", Exact = true });
        await TabToAsync(page, trash);
        await keys.PressAsync("Enter");
        await Expect(dialog).ToContainTextAsync("removed for good");
        await TabToAsync(page, dialog.GetByRole(AriaRole.Button, new() { Name = "Delete job" }));
        await keys.PressAsync("Enter");
        await Expect(Row(page, done.Id)).ToHaveCountAsync(0);
        await Expect(Status(page, running.Id)).ToBeFocusedAsync();

        // Back up to the arrow with Shift+Tab: Enter opens the notification area, Escape closes it onto the arrow.
        var arrow = page.Locator("#job-arrow");
        await TabToAsync(page, arrow, "Shift+Tab");
        await AssertRingAsync(page);
        await keys.PressAsync("Enter");
        await Expect(page.Locator("#job-panel")).ToBeVisibleAsync();
        await Expect(arrow).ToHaveAttributeAsync("aria-expanded", "true");
        await keys.PressAsync("Escape");
        await Expect(page.Locator("#job-panel")).ToBeHiddenAsync();
        await Expect(arrow).ToBeFocusedAsync();
        await api.WaitFinishedAsync(running.Id);
    }

    /// <summary>Presses Tab (or Shift+Tab) until the element has focus; fails when it never gets it.</summary>
    private static async Task TabToAsync(IPage page, ILocator target, string key = "Tab")
    {
        await Expect(target).ToBeVisibleAsync();
        for (var presses = 0; presses < 60; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
            await page.Keyboard.PressAsync(key);
        }
        Assert.Fail($"{key} never reached {target}; focus is on {await page.EvaluateAsync<string>("() => document.activeElement.outerHTML.slice(0, 80)")}");
    }

    /// <summary>The focused element shows a ring a sighted keyboard user can see.</summary>
    private static async Task AssertRingAsync(IPage page)
    {
        var ring = await page.EvaluateAsync<string>(
            "() => { const e = document.activeElement, s = getComputedStyle(e); return e.matches(':focus-visible') ? s.outlineStyle + ' ' + s.outlineWidth : 'no :focus-visible'; }");
        Assert.Matches("^solid [1-9]", ring);
    }

    [GeneratedRegex("/jobs$")]
    private static partial Regex JobsUrl();

    [GeneratedRegex("^Abort(ing|ed)$")]
    private static partial Regex Aborted();
}
