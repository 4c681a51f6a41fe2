using System.Net;
using System.Net.Http.Json;

namespace Offload.Web.Tests;

/// <summary>
/// A deleted account's jobs stay with that account: Superadmins see them under the former owner's name, and
/// the next account created — which SQLite used to give the same id — sees none of them (issue 22, item 1).
/// </summary>
public sealed class DeletedOwnerTests(ManualApp fixture) : IClassFixture<ManualApp>
{
    private readonly OffloadApp _app = fixture.App;

    [Fact]
    public async Task The_next_account_created_never_inherits_a_deleted_Power_Users_export()
    {
        var admin = await _app.AdminAsync();
        var paris = await admin.CreateBranchAsync("Paris");
        var lyon = await admin.CreateBranchAsync("Lyon");
        await admin.CreateUserAsync("paris-learner", "user", paris.Id);
        // Created last, so theirs is the highest id: the one SQLite handed out again.
        var a = await admin.CreateUserAsync("paris-manager", "poweruser", paris.Id);
        var aClient = await _app.ClientForAsync(a.Username, "password-" + a.Username);
        var export = await aClient.StartAsync("users-export", new { selection = new { filter = new { branchId = paris.Id } } });
        await _app.RunQueuedJobsAsync();
        Assert.Equal(1L, (await aClient.GetFromJsonAsync<NotificationListBody>("/api/notifications"))!.Unread);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/users/{a.Id}")).StatusCode);
        var b = await admin.CreateUserAsync("lyon-manager", "poweruser", lyon.Id);
        var bClient = await _app.ClientForAsync(b.Username, "password-" + b.Username);

        Assert.NotEqual(a.Id, b.Id);
        Assert.Empty((await bClient.GetFromJsonAsync<JobListBody>("/api/jobs"))!.Items);
        Assert.Equal(HttpStatusCode.NotFound, (await bClient.GetAsync($"/api/jobs/{export.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bClient.GetAsync($"/api/jobs/{export.Id}/result")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bClient.DeleteAsync($"/api/jobs/{export.Id}")).StatusCode);
        var notifications = (await bClient.GetFromJsonAsync<NotificationListBody>("/api/notifications"))!;
        Assert.Equal((0L, 0), (notifications.Unread, notifications.Items.Count));

        var seenByAdmin = (await admin.GetFromJsonAsync<JobBody>($"/api/jobs/{export.Id}"))!;
        Assert.Equal((a.Id, "paris-manager", "completed"), (seenByAdmin.Owner.Id, seenByAdmin.Owner.Username, seenByAdmin.Status));
        Assert.Contains((await admin.GetFromJsonAsync<JobListBody>("/api/jobs?scope=all"))!.Items, j => j.Id == export.Id);
    }

}
