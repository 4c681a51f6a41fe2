using System.Net;
using System.Text.RegularExpressions;
using Offload.Platform.Identity;

namespace Offload.Web.Pages.Tests;

public sealed class LayoutAndAccessTests(PagesApp app) : IClassFixture<PagesApp>
{
    [Fact]
    public async Task A_superadmin_gets_the_gear_and_an_admin_menu_whose_settings_section_holds_background_jobs()
    {
        var (response, html) = await (await app.AdminAsync()).GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("<details class=\"admin-menu\"[^>]*>\\s*<summary id=\"admin-menu-button\"", html);
        Assert.Contains("<svg class=\"gear\"", html, StringComparison.Ordinal);
        var menu = Regex.Match(html, "<nav class=\"admin-menu-panel\" aria-label=\"Admin Menu\">(.*?)</nav>", RegexOptions.Singleline);
        Assert.True(menu.Success, "no Admin Menu");
        var settings = Regex.Match(menu.Value, "<h2[^>]*>Settings</h2>(.*?)</section>", RegexOptions.Singleline);
        Assert.True(settings.Success, "no Settings section");
        Assert.Contains("<a href=\"/jobs\">Background Jobs</a>", settings.Value, StringComparison.Ordinal);
        foreach (var link in new[] { "/admin/users", "/admin/branches", "/admin/courses" })
            Assert.Contains($"href=\"{link}\"", menu.Value, StringComparison.Ordinal);
        Assert.Contains("<div id=\"job-indicator\"></div>", html, StringComparison.Ordinal);
        Assert.Contains(">admin</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_background_jobs_link_leads_to_its_page()
    {
        var (response, html) = await (await app.AdminAsync()).GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Background Jobs</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_power_user_sees_the_menu_and_only_the_users_of_their_branches()
    {
        var north = await app.CreateBranchAsync("North");
        var south = await app.CreateBranchAsync("South");
        await app.CreateUserAsync("pu.north", Roles.PowerUser, [north]);
        await app.CreateUserAsync("ann.north", Roles.User, [north]);
        await app.CreateUserAsync("bob.south", Roles.User, [south]);
        var browser = await app.SignedInAsync("pu.north", PagesApp.PasswordOf("pu.north"));

        var (home, layout) = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("id=\"admin-menu-button\"", layout, StringComparison.Ordinal);

        var (list, html) = await browser.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("ann.north", html, StringComparison.Ordinal);
        Assert.DoesNotContain("bob.south", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">admin<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/users/new\"", html, StringComparison.Ordinal);

        // Asking for the other branch by filter changes nothing: the scope still applies.
        var (_, filtered) = await browser.GetAsync($"/admin/users?branch={south}");
        Assert.DoesNotContain("bob.south", filtered, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/admin/users/new")).Response.StatusCode);
        var (branches, branchesHtml) = await browser.GetAsync("/admin/branches");
        Assert.Equal(HttpStatusCode.OK, branches.StatusCode);
        Assert.DoesNotContain("New branch", branchesHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_power_user_cannot_create_a_course_even_by_posting_the_form()
    {
        await app.CreateUserAsync("pu.courses", Roles.PowerUser);
        var browser = await app.SignedInAsync("pu.courses", PagesApp.PasswordOf("pu.courses"));
        var response = await browser.SubmitAsync("/admin/courses", [new("Input.Code", "PU-1"), new("Input.Title", "Sneaky")]);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var (_, html) = await (await app.AdminAsync()).GetAsync("/admin/courses");
        Assert.DoesNotContain("PU-1", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_user_gets_the_403_page_on_admin_pages_and_jobs_and_sees_no_admin_menu()
    {
        await app.CreateUserAsync("learner", Roles.User);
        var browser = await app.SignedInAsync("learner", PagesApp.PasswordOf("learner"));

        foreach (var path in new[] { "/admin/users", "/admin/users/new", "/admin/branches", "/admin/courses", "/jobs" })
        {
            var (response, html) = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("<h1>Not allowed</h1>", html, StringComparison.Ordinal);
        }
        var (home, layout) = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.DoesNotContain("admin-menu", layout, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/jobs\"", layout, StringComparison.Ordinal);
        Assert.Contains("href=\"/profile\"", layout, StringComparison.Ordinal);

        var (profile, profileHtml) = await browser.GetAsync("/profile");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Contains("learner@example.com", profileHtml, StringComparison.Ordinal);

        var (api, _) = await browser.GetAsync("/api/jobs");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_stylesheet_is_served_without_a_session()
    {
        var (response, css) = await app.NewBrowser().GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(".admin-menu", css, StringComparison.Ordinal);
    }
}

public sealed class SecurityHeaderTests(PagesApp app) : IClassFixture<PagesApp>
{
    [Theory]
    [InlineData("/login")]
    [InlineData("/api/jobs")]
    public async Task Every_answer_forbids_inline_scripts_framing_and_sniffing(string path)
    {
        var response = await app.NewBrowser().Client.GetAsync(path);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Theory]
    [InlineData("en", "Page not found")]
    [InlineData("fr", "Page introuvable")]
    public async Task A_page_that_does_not_exist_for_the_reader_is_a_404_page_in_their_language(string culture, string heading)
    {
        await app.CreateUserAsync("pu.lost-" + culture, Roles.PowerUser, []);
        var browser = await app.SignedInAsync("pu.lost-" + culture, PagesApp.PasswordOf("pu.lost-" + culture));
        await browser.GetAsync($"/?culture={culture}"); // the language chosen once stays for the browser session

        // Somebody else's job looks like no job at all; an address nobody serves likewise.
        foreach (var path in new[] { $"/jobs/{Guid.NewGuid()}/abort", "/no-such-page" })
        {
            var (response, html) = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains($"<h1>{heading}</h1>", html, StringComparison.Ordinal);
        }
    }
}
