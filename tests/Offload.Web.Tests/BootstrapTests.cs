using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Offload.Platform.Identity;
using Offload.Web.Hosting;

namespace Offload.Web.Tests;

/// <summary>
/// The bootstrap password usually stays set in the environment: it may create 'admin' on a platform that has
/// no Superadmin, and never bring back an 'admin' a Superadmin renamed or deleted (issue 22, item 6).
/// </summary>
public sealed class BootstrapTests
{
    /// <summary>What the next start of the host does first, on the same database.</summary>
    private static Task RestartBootstrapAsync(OffloadApp app) =>
        app.Services.GetRequiredService<Bootstrapper>().RunAsync(default);

    private static async Task<HttpStatusCode> SignInStatusAsync(OffloadApp app, string username, string password) =>
        (await app.CreateClient().PostAsJsonAsync("/api/auth/tokens", new { username, password })).StatusCode;

    [Fact]
    public async Task A_renamed_admin_does_not_come_back_at_the_next_start()
    {
        using var app = new OffloadApp();
        var admin = await app.AdminAsync();
        var id = (await app.FindUserAsync("admin"))!.Id;
        var rename = await admin.PutAsJsonAsync($"/api/users/{id}", new { username = "root", email = "root@example.com", role = "superadmin" });
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);

        await RestartBootstrapAsync(app);

        Assert.Null(await app.FindUserAsync("admin"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(app, "admin", OffloadApp.AdminPassword));
        Assert.Equal(Roles.Superadmin, (await app.FindUserAsync("root"))!.Role);
    }

    [Fact]
    public async Task A_deleted_admin_does_not_come_back_at_the_next_start()
    {
        using var app = new OffloadApp();
        var bossId = await app.AddUserAsync("boss", Roles.Superadmin);
        var boss = await app.ClientForIdAsync(bossId);
        var adminId = (await app.FindUserAsync("admin"))!.Id;
        Assert.Equal(HttpStatusCode.NoContent, (await boss.DeleteAsync($"/api/users/{adminId}")).StatusCode);

        await RestartBootstrapAsync(app);

        Assert.Null(await app.FindUserAsync("admin"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInStatusAsync(app, "admin", OffloadApp.AdminPassword));
    }

    [Fact]
    public async Task The_first_start_creates_admin_with_the_configured_password()
    {
        using var app = new OffloadApp();
        Assert.Equal(HttpStatusCode.Created, await SignInStatusAsync(app, "admin", OffloadApp.AdminPassword));
        Assert.Equal(Roles.Superadmin, (await app.FindUserAsync("admin"))!.Role);
    }
}
