using System.Net.Http.Json;
using System.Text.Json;

namespace Offload.Browser.Tests;

/// <summary>The selection dialog's advanced error-rate stop (issue 20): folded away, opened, typed, and sent with the action.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StopOnErrorsBrowserTests(BrowserFixture fx)
{
    [Fact]
    public async Task The_dialog_sends_the_stop_typed_in_its_advanced_field()
    {
        var branch = await fx.App.CreateBranchAsync("stopjs");
        await fx.App.CreateUserAsync("stopjs", Roles.Superadmin, "en", branch);
        await fx.App.AddUserAsync("stopjs-l1", Roles.User, [branch]);
        var page = await fx.PageAsync("stopjs");
        await page.GotoAsync("/admin/users?text=stopjs-l");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Select stopjs-l1", Exact = true }).CheckAsync();
        await page.Locator(".selection-bar").GetByRole(AriaRole.Button, new() { Name = "Deactivate", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator(".confirm-sentence")).ToHaveTextAsync("Deactivate 1 user");

        var percent = dialog.GetByLabel("Stop when more than this percentage of items failed");
        await Expect(percent).ToBeHiddenAsync();
        await dialog.GetByText("Advanced: stop on errors").ClickAsync();
        await percent.FillAsync("30");
        await dialog.GetByLabel("Judged once this many items are processed").FillAsync("5");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Deactivate", Exact = true }).ClickAsync();
        await Expect(page.Locator("#started-notice")).ToContainTextAsync("Job started: Deactivate 1 user.");

        var api = await fx.App.ApiAsync("stopjs");
        var job = (await api.GetFromJsonAsync<JsonElement>("/api/jobs?scope=mine")).GetProperty("items")[0];
        Assert.Equal((30, 5L), (job.GetProperty("stopOnErrors").GetProperty("percent").GetInt32(), job.GetProperty("stopOnErrors").GetProperty("after").GetInt64()));
    }
}
