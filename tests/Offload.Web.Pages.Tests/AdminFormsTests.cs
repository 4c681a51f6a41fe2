using System.Net;
using Offload.Platform.Identity;

namespace Offload.Web.Pages.Tests;

public sealed class AdminFormsTests(PagesApp app) : IClassFixture<PagesApp>
{
    private static KeyValuePair<string, string>[] UserForm(string username, string password, string role = Roles.User, params long[] branchIds) =>
    [
        new("Input.Username", username), new("Input.Email", $"{username}@example.com"), new("Input.FirstName", "Grace"),
        new("Input.LastName", "Hopper"), new("Input.Language", "fr"), new("Input.Role", role), new("Input.Active", "true"),
        new("Input.Password", password),
        .. branchIds.Select(b => new KeyValuePair<string, string>("Input.BranchIds", b.ToString(System.Globalization.CultureInfo.InvariantCulture))),
    ];

    [Fact]
    public async Task A_superadmin_creates_a_user_through_the_form_and_that_user_can_sign_in()
    {
        var branch = await app.CreateBranchAsync("Lyon");
        var admin = await app.AdminAsync();

        var response = await admin.SubmitAsync("/admin/users/new", UserForm("grace", "grace-password", Roles.PowerUser, branch));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches("^/admin/users/\\d+$", response.Headers.Location!.OriginalString);
        var (edit, html) = await admin.GetAsync(response.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Contains("value=\"grace@example.com\"", html, StringComparison.Ordinal);
        Assert.Contains($"<option selected=\"selected\" value=\"{branch}\">Lyon</option>", html, StringComparison.Ordinal);

        var grace = await app.SignedInAsync("grace", "grace-password");
        var (_, profile) = await grace.GetAsync("/profile");
        Assert.Contains("Power User", profile, StringComparison.Ordinal);
        Assert.Contains("Lyon", profile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_username_is_an_error_on_the_username_field_whatever_the_case()
    {
        await app.CreateUserAsync("taken.name", Roles.User);
        var admin = await app.AdminAsync();

        var response = await admin.SubmitAsync("/admin/users/new", UserForm("TAKEN.name", "some-password"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("This username is already taken.", Browser.FieldError(html, "Input.Username"));
    }

    [Fact]
    public async Task Invalid_fields_are_shown_next_to_each_field()
    {
        var admin = await app.AdminAsync();
        var response = await admin.SubmitAsync("/admin/users/new",
            [new("Input.Username", "bad name"), new("Input.Email", "not-an-email"), new("Input.Language", "de"), new("Input.Role", "user")]);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("The username may only contain letters, digits and . _ - @", Browser.FieldError(html, "Input.Username"));
        Assert.Equal("The email address is not valid.", Browser.FieldError(html, "Input.Email"));
        Assert.Equal("The language must be 'en' or 'fr'.", Browser.FieldError(html, "Input.Language"));
        Assert.Equal("The password is required for a new user.", Browser.FieldError(html, "Input.Password"));
    }

    [Fact]
    public async Task Editing_a_user_keeps_the_password_when_the_field_is_left_empty()
    {
        var id = await app.CreateUserAsync("editable", Roles.User);
        var admin = await app.AdminAsync();

        var form = UserForm("editable", "").Where(f => f.Key != "Input.FirstName").Append(new("Input.FirstName", "Renamed"));
        var response = await admin.SubmitAsync($"/admin/users/{id}", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, html) = await admin.GetAsync($"/admin/users/{id}");
        Assert.Contains("value=\"Renamed\"", html, StringComparison.Ordinal);
        await app.SignedInAsync("editable", PagesApp.PasswordOf("editable"));
    }

    [Fact]
    public async Task A_superadmin_creates_a_branch_with_a_parent_and_a_course()
    {
        var admin = await app.AdminAsync();
        var parent = await app.CreateBranchAsync("Europe");

        var branch = await admin.SubmitAsync("/admin/branches", [new("Input.Name", "Paris"), new("Input.ParentId", parent.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, branch.StatusCode);
        var (_, branches) = await admin.GetAsync("/admin/branches");
        Assert.Contains("<tr><td>Paris</td><td>Europe</td></tr>", branches, StringComparison.Ordinal);

        var again = await admin.SubmitAsync("/admin/branches", [new("Input.Name", "paris")]);
        Assert.Equal("A branch with this name already exists.", Browser.FieldError(await again.Content.ReadAsStringAsync(), "Input.Name"));

        var course = await admin.SubmitAsync("/admin/courses", [new("Input.Code", "SEC-101"), new("Input.Title", "Security basics")]);
        Assert.Equal(HttpStatusCode.Redirect, course.StatusCode);
        var (_, courses) = await admin.GetAsync("/admin/courses");
        Assert.Contains("<tr><td>SEC-101</td><td>Security basics</td>", courses, StringComparison.Ordinal);

        var missing = await admin.SubmitAsync("/admin/courses", [new("Input.Code", ""), new("Input.Title", "")]);
        var html = await missing.Content.ReadAsStringAsync();
        Assert.Equal("The code is required.", Browser.FieldError(html, "Input.Code"));
        Assert.Equal("The title is required.", Browser.FieldError(html, "Input.Title"));
    }

    [Fact]
    public async Task User_supplied_text_is_html_encoded()
    {
        await app.CreateUserAsync("xss", Roles.User, firstName: "<script>alert(1)</script>");
        var (_, html) = await (await app.AdminAsync()).GetAsync("/admin/users?text=xss");

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_user_list_pages_by_keyset_and_keeps_the_filter()
    {
        for (var i = 0; i < 55; i++) await app.CreateUserAsync($"pager{i:00}", Roles.User);
        var admin = await app.AdminAsync();

        var (_, first) = await admin.GetAsync("/admin/users?text=pager");
        var next = System.Text.RegularExpressions.Regex.Match(first, "<a rel=\"next\" href=\"([^\"]+)\">Next page</a>");
        Assert.True(next.Success, "no Next page link");
        Assert.Contains("text=pager", next.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("pager49", first, StringComparison.Ordinal);
        Assert.DoesNotContain("pager50", first, StringComparison.Ordinal);

        var (_, second) = await admin.GetAsync(WebUtility.HtmlDecode(next.Groups[1].Value));
        Assert.Contains("pager54", second, StringComparison.Ordinal);
        Assert.DoesNotContain("pager49", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Next page", second, StringComparison.Ordinal);
    }
}
