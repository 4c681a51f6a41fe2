namespace Offload.Browser.Tests;

/// <summary>Moving the keyboard's focus the way a person does: with Tab.</summary>
internal static class Focus
{
    /// <summary>Presses Tab until the element has focus; fails when it never gets it.</summary>
    public static async Task TabToAsync(IPage page, ILocator target)
    {
        await Expect(target).ToBeVisibleAsync();
        for (var presses = 0; presses < 60; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab never reached {target}");
    }
}
