using System.Collections.Concurrent;

namespace Offload.Browser.Tests;

/// <summary>
/// One live app and one headless Debian Chromium for the whole suite (starting either is the slow part);
/// each test gets fresh browser contexts, so cookies never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's build: Playwright's own browser download is not available on these machines.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly ConcurrentDictionary<string, string> _sessions = new();
    private readonly ConcurrentBag<IBrowserContext> _contexts = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public LiveApp App { get; } = new();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium (.ci/run does it).");
        App.StartServer();
        // Assertions wait for jobs that run in tiny chunks on a machine shared with other tests: waiting
        // longer than Playwright's 5 s default costs nothing when things are fast and avoids false failures.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A page signed in as the user through the login form, once per user; later pages reuse that session.</summary>
    public async Task<IPage> PageAsync(string username, string locale = "en-GB", bool javaScript = true)
    {
        if (!_sessions.TryGetValue(username, out var state))
        {
            await using var signIn = await NewContextAsync(null, locale, javaScript: true);
            var login = await signIn.NewPageAsync();
            // The suite's first sign-in also pays for the host's first page (compiling, warming up): on a
            // loaded 2-core machine that has taken longer than Playwright's 30 s default.
            login.SetDefaultTimeout(90_000);
            await login.GotoAsync("/login");
            await login.FillAsync("#username", username);
            await login.FillAsync("#password", LiveApp.PasswordOf(username));
            await login.ClickAsync("button[type=submit]");
            await login.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
            state = _sessions[username] = await signIn.StorageStateAsync();
        }
        var context = await NewContextAsync(state, locale, javaScript);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return page;
    }

    /// <summary>A page nobody is signed in on (the sign-in page as a visitor sees it).</summary>
    public async Task<IPage> AnonymousPageAsync(string locale = "en-GB")
    {
        var context = await NewContextAsync(null, locale, javaScript: true);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return page;
    }

    private Task<IBrowserContext> NewContextAsync(string? storageState, string locale, bool javaScript) =>
        _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.Address.ToString(),
            StorageState = storageState,
            Locale = locale,
            TimezoneId = "Europe/Paris",
            JavaScriptEnabled = javaScript,
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.DisposeAsync();
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
