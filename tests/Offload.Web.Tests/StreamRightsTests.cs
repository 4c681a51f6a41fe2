using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Offload.Web.Tests;

/// <summary>
/// Issue 22 item 4: an open GET /api/jobs/events outlives the check its request passed. When its Superadmin is
/// demoted, deactivated or deleted, or their token revoked, on this node, the stream ends before it sends anything
/// more — in particular nothing of a job another owner creates afterwards.
/// </summary>
public sealed class StreamRightsTests(OffloadApp app) : IClassFixture<OffloadApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_demoted_superadmin_s_stream_ends_and_hears_nothing_of_others_jobs_after()
    {
        var (admin, adminId) = await AdminAsync();
        var (boss, bossId) = await SuperadminAsync("demoted-boss");
        await using var stream = await EventStream.OpenAsync(boss);
        var before = await admin.StartAsync("users-export", ExportOf(adminId));
        Assert.Contains(await stream.CollectAsync(Patience, e => Is(e, before.Id)), e => Is(e, before.Id));

        var branch = await app.CreateBranchAsync("Demoted boss branch");
        var put = await admin.PutAsJsonAsync($"/api/users/{bossId}", Profile("demoted-boss", "poweruser", active: true, branch));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = await admin.StartAsync("users-export", ExportOf(adminId));

        Assert.DoesNotContain(await stream.ReadToEndAsync(Patience), e => Is(e, after.Id));
        // A role change also ends the tokens issued before it (security stamp): the reconnect must sign in again.
        Assert.Equal(HttpStatusCode.Unauthorized, (await boss.GetAsync("/api/jobs/events", HttpCompletionOption.ResponseHeadersRead)).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_superadmin_s_stream_ends()
    {
        var (admin, adminId) = await AdminAsync();
        var (boss, bossId) = await SuperadminAsync("deactivated-boss");
        await using var stream = await EventStream.OpenAsync(boss);

        var put = await admin.PutAsJsonAsync($"/api/users/{bossId}", Profile("deactivated-boss", "superadmin", active: false));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = await admin.StartAsync("users-export", ExportOf(adminId));

        Assert.DoesNotContain(await stream.ReadToEndAsync(Patience), e => Is(e, after.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, (await boss.GetAsync("/api/jobs/events", HttpCompletionOption.ResponseHeadersRead)).StatusCode);
    }

    [Fact]
    public async Task A_deleted_superadmin_s_stream_ends()
    {
        var (admin, adminId) = await AdminAsync();
        var (boss, bossId) = await SuperadminAsync("deleted-boss");
        await using var stream = await EventStream.OpenAsync(boss);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/users/{bossId}")).StatusCode);
        var after = await admin.StartAsync("users-export", ExportOf(adminId));

        Assert.DoesNotContain(await stream.ReadToEndAsync(Patience), e => Is(e, after.Id));
    }

    [Fact]
    public async Task A_stream_whose_token_is_revoked_from_another_client_ends()
    {
        var (admin, adminId) = await AdminAsync();
        var (boss, _) = await SuperadminAsync("revoked-boss");
        await using var stream = await EventStream.OpenAsync(boss);

        // Another client (another script, another tab) holding the same token signs it out.
        using var other = app.CreateClient();
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", boss.DefaultRequestHeaders.Authorization!.Parameter);
        Assert.Equal(HttpStatusCode.NoContent, (await other.DeleteAsync("/api/auth/tokens/current")).StatusCode);
        var after = await admin.StartAsync("users-export", ExportOf(adminId));

        Assert.DoesNotContain(await stream.ReadToEndAsync(Patience), e => Is(e, after.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, (await boss.GetAsync("/api/jobs")).StatusCode);
    }

    [Fact]
    public async Task A_browser_session_s_stream_survives_a_harmless_recheck_and_ends_when_deactivated()
    {
        var (admin, adminId) = await AdminAsync();
        var bossId = await app.AddUserAsync("cookie-boss", "superadmin");
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = false,
        });
        var (signIn, cookies) = await LoopbackClients.SignInWithFormAsync(browser, "cookie-boss", OffloadApp.PasswordOf("cookie-boss"));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        browser.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Select(c => c.Split(';')[0])));
        await using var stream = await EventStream.OpenAsync(browser);

        // A change that takes nothing away: the stream re-checks the session cookie, keeps going, and still delivers.
        var renamed = await admin.PutAsJsonAsync($"/api/users/{bossId}", Profile("cookie-boss", "superadmin", active: true, firstName: "Renamed"));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var kept = await admin.StartAsync("users-export", ExportOf(adminId));
        Assert.Contains(await stream.CollectAsync(Patience, e => Is(e, kept.Id)), e => Is(e, kept.Id));

        var put = await admin.PutAsJsonAsync($"/api/users/{bossId}", Profile("cookie-boss", "superadmin", active: false));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = await admin.StartAsync("users-export", ExportOf(adminId));

        Assert.DoesNotContain(await stream.ReadToEndAsync(Patience), e => Is(e, after.Id));
    }

    [Fact]
    public async Task A_power_user_s_stream_carries_nothing_of_others_jobs_not_even_their_deletion()
    {
        var (admin, adminId) = await AdminAsync();
        var branch = await app.CreateBranchAsync("Stream scope branch");
        var puId = await app.AddUserAsync("stream-scope-pu", "poweruser", [branch]);
        var pu = await app.ClientForIdAsync(puId);
        await using var stream = await EventStream.OpenAsync(pu);

        var others = await admin.StartAsync("users-export", ExportOf(adminId));
        await admin.WaitFinishedAsync(others.Id);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/jobs/{others.Id}")).StatusCode);
        // Changes go out in order of their batches: once the Power User's own later job arrives, anything
        // the stream would have said about the admin's job has been said.
        var own = await pu.StartAsync("users-export", ExportOf(puId));
        var seen = await stream.CollectAsync(Patience, e => Is(e, own.Id));

        Assert.Contains(seen, e => Is(e, own.Id));
        Assert.DoesNotContain(seen, e => Is(e, others.Id));
    }

    private async Task<(HttpClient Client, long Id)> AdminAsync()
    {
        var id = (await app.FindUserAsync("admin"))!.Id;
        return (await app.ClientForIdAsync(id), id);
    }

    private async Task<(HttpClient Client, long Id)> SuperadminAsync(string username)
    {
        var id = await app.AddUserAsync(username, "superadmin");
        return (await app.ClientForIdAsync(id), id);
    }

    internal static object ExportOf(long userId) => new { selection = new { userIds = new[] { userId } } };

    internal static object Profile(string username, string role, bool active, long? branchId = null, string firstName = "") => new
    {
        username, email = $"{username}@example.com", firstName, lastName = "", language = "en", active, role,
        branchIds = branchId is { } b ? new[] { b } : [],
    };

    internal static bool Is(JsonElement e, Guid id) => e.GetProperty("id").GetGuid() == id;
}
