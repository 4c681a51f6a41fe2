using System.Net;
using System.Net.Http.Json;

namespace Offload.Web.Tests;

public sealed class PlatformApiTests(ManualApp fixture) : IClassFixture<ManualApp>
{
    private readonly OffloadApp _app = fixture.App;

    [Fact]
    public async Task A_superadmin_creates_reads_updates_and_deletes_a_user()
    {
        var admin = await _app.AdminAsync();
        var branch = await admin.CreateBranchAsync("CRUD branch");
        var created = await admin.CreateUserAsync("crud-user", "user", branch.Id);
        Assert.Equal(("crud-user", "crud-user@example.com", "user", true), (created.Username, created.Email, created.Role, created.Active));
        Assert.Equal([branch.Id], created.BranchIds);
        Assert.NotNull(await _app.ClientForAsync("crud-user", "password-crud-user"));

        var put = await admin.PutAsJsonAsync($"/api/users/{created.Id}", new
        {
            username = "crud-renamed", email = "renamed@example.com", firstName = "Ren", language = "fr", active = false, role = "user",
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var read = await admin.GetFromJsonAsync<UserBody>($"/api/users/{created.Id}");
        Assert.Equal(("crud-renamed", "fr", false), (read!.Username, read.Language, read.Active));
        Assert.Empty(read.BranchIds);
        var json = await admin.GetStringAsync($"/api/users/{created.Id}");
        Assert.DoesNotContain("password", json, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/users/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/users/{created.Id}")).StatusCode);
    }

    public static TheoryData<object, string> BadUsers => new()
    {
        { new { email = "x@example.com" }, "username" },
        { new { username = "has space", email = "x@example.com" }, "username" },
        { new { username = "okname", email = "not-an-email" }, "email" },
        { new { username = "okname", email = "x@example.com", language = "de" }, "language" },
        { new { username = "okname", email = "x@example.com", role = "god" }, "role" },
        { new { username = "okname", email = "x@example.com", password = "short" }, "password" },
        { new { username = "okname", email = "x@example.com", firstName = new string('a', 101) }, "firstName" },
        { new { username = "okname", email = "x@example.com", branchIds = new[] { 987_654L } }, "branchIds" },
    };

    [Theory]
    [MemberData(nameof(BadUsers))]
    public async Task A_bad_user_body_is_a_400_naming_the_field(object body, string field)
    {
        var admin = await _app.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/users", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.ProblemAsync()).Field);
    }

    [Fact]
    public async Task Moving_a_user_to_a_branch_that_does_not_exist_is_a_400_naming_branchIds()
    {
        var admin = await _app.AdminAsync();
        var user = await admin.CreateUserAsync("branchless");
        var response = await admin.PutAsJsonAsync($"/api/users/{user.Id}", new { username = "branchless", email = "b@example.com", branchIds = new[] { 987_654L } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("branchIds", (await response.ProblemAsync()).Field);
    }

    [Fact]
    public async Task Usernames_are_unique_whatever_their_case()
    {
        var admin = await _app.AdminAsync();
        await admin.CreateUserAsync("Unique-Name");
        var response = await admin.PostAsJsonAsync("/api/users", new { username = "unique-name", email = "u@example.com" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("username", (await response.ProblemAsync()).Field);
    }

    [Fact]
    public async Task The_last_superadmin_can_be_neither_demoted_nor_deleted_and_nobody_deletes_themselves()
    {
        var admin = await _app.AdminAsync();
        var me = (await admin.GetFromJsonAsync<Dictionary<string, object>>("/api/me"))!;
        var adminId = me["id"].ToString();
        var demote = await admin.PutAsJsonAsync($"/api/users/{adminId}", new { username = "admin", email = "admin@localhost", role = "user" });
        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Equal("role", (await demote.ProblemAsync()).Field);
        var delete = await admin.DeleteAsync($"/api/users/{adminId}");
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Equal("You cannot delete your own account", (await delete.ProblemAsync()).Title);
    }

    [Fact]
    public async Task A_power_user_reads_only_the_users_and_branches_of_their_own_branches()
    {
        var admin = await _app.AdminAsync();
        var mine = await admin.CreateBranchAsync("Scope mine");
        var other = await admin.CreateBranchAsync("Scope other");
        var pu = await admin.CreateUserAsync("scope-pu", "poweruser", mine.Id);
        var inside = await admin.CreateUserAsync("scope-inside", "user", mine.Id);
        var outside = await admin.CreateUserAsync("scope-outside", "user", other.Id);
        var client = await _app.ClientForIdAsync(pu.Id);

        var list = await client.GetFromJsonAsync<UserListBody>("/api/users?limit=500");
        Assert.Contains(list!.Items, u => u.Id == inside.Id);
        Assert.DoesNotContain(list.Items, u => u.Id == outside.Id);
        Assert.All(list.Items, u => Assert.Contains(mine.Id, u.BranchIds));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/users/{outside.Id}")).StatusCode);
        Assert.Equal([mine.Id], (await client.GetFromJsonAsync<List<BranchBody>>("/api/branches"))!.Select(b => b.Id));
        var me = await client.GetFromJsonAsync<Dictionary<string, object>>("/api/me");
        Assert.Equal($"[{mine.Id}]", me!["branchIds"].ToString()!.Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_user_list_filters_and_pages_by_keyset()
    {
        var admin = await _app.AdminAsync();
        var branch = await admin.CreateBranchAsync("Paging branch");
        for (var i = 0; i < 7; i++) await admin.CreateUserAsync($"page-{i}", "user", branch.Id);
        var first = await admin.GetFromJsonAsync<UserListBody>($"/api/users?branchId={branch.Id}&limit=5");
        Assert.Equal(5, first!.Items.Count);
        var second = await admin.GetFromJsonAsync<UserListBody>($"/api/users?branchId={branch.Id}&limit=5&cursor={first.NextCursor}");
        Assert.Equal(2, second!.Items.Count);
        Assert.Null(second.NextCursor);
        var text = await admin.GetFromJsonAsync<UserListBody>("/api/users?text=PAGE-3");
        Assert.Equal(["page-3"], text!.Items.Select(u => u.Username));
        var underscore = await admin.GetFromJsonAsync<UserListBody>("/api/users?text=page_");
        Assert.Empty(underscore!.Items); // LIKE wildcards in the text are matched literally
    }

    [Fact]
    public async Task Branch_and_course_names_are_unique_and_required()
    {
        var admin = await _app.AdminAsync();
        await admin.CreateBranchAsync("Dup branch");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/branches", new { name = "DUP BRANCH" })).StatusCode);
        Assert.Equal("parentId", (await (await admin.PostAsJsonAsync("/api/branches", new { name = "orphan", parentId = 999999 })).ProblemAsync()).Field);
        Assert.Equal("name", (await (await admin.PostAsJsonAsync("/api/branches", new { name = " " })).ProblemAsync()).Field);
        await admin.CreateCourseAsync("DUP-C");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/courses", new { code = "dup-c", title = "x" })).StatusCode);
        Assert.Equal("title", (await (await admin.PostAsJsonAsync("/api/courses", new { code = "NT" })).ProblemAsync()).Field);
    }

    [Fact]
    public async Task A_power_users_import_lands_in_their_branch_and_cannot_reach_outside()
    {
        var admin = await _app.AdminAsync();
        var mine = await admin.CreateBranchAsync("Import mine");
        await admin.CreateBranchAsync("Import other");
        var outsider = await admin.CreateUserAsync("imp-outsider");
        var pu = await admin.CreateUserAsync("imp-pu", "poweruser", mine.Id);
        var client = await _app.ClientForIdAsync(pu.Id);
        var job = await client.ImportJobAsync("""
            username,email,branch
            imp-new,imp-new@example.com,
            imp-there,imp-there@example.com,Import other
            imp-outsider,changed@example.com,
            """, updateExisting: true);
        await _app.RunQueuedJobsAsync();
        var done = await client.GetFromJsonAsync<JobBody>($"/api/jobs/{job.Id}");
        Assert.Equal(2, done!.ErrorCount);
        Assert.Equal(
        [
            "3,branch,The branch is outside your branches.,Import other",
            "4,username,A user with this username already exists (choose 'update existing users' to update it).,imp-outsider",
        ], await client.ErrorLinesAsync(job.Id));
        var created = (await admin.GetFromJsonAsync<UserListBody>("/api/users?text=imp-new"))!.Items.Single();
        Assert.Equal([mine.Id], created.BranchIds);
        Assert.Equal("imp-outsider@example.com", (await admin.GetFromJsonAsync<UserBody>($"/api/users/{outsider.Id}"))!.Email);
    }
}
