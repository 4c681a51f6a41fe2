using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Offload.Jobs.Retention;
using Offload.Jobs.Storage;

namespace Offload.Web.Tests;

/// <summary>The whole host on a fake clock, so fourteen days pass in a line of code.</summary>
public sealed class FakeClockApp : IDisposable
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public OffloadApp App { get; } = new();

    public FakeClockApp()
    {
        App.Settings["Offload:Workers"] = "0";
        App.TestServices = s => s.AddSingleton<TimeProvider>(Clock);
    }

    public void Dispose() => App.Dispose();
}

public sealed record NotificationBody(long Id, Guid JobId, string Title, DateTimeOffset CreatedAt, bool Read);

public sealed record NotificationListBody(long Unread, List<NotificationBody> Items);

public sealed class RetentionAndNotificationTests(FakeClockApp fixture) : IClassFixture<FakeClockApp>
{
    private readonly OffloadApp _app = fixture.App;

    [Fact]
    public async Task After_fourteen_days_a_finished_job_goes_with_its_log_files_and_notice_but_a_running_one_stays()
    {
        var admin = await _app.AdminAsync();
        var done = await admin.ImportJobAsync("username,email\nret-ok,ret@example.com\nbad name,x@example.com\n", "old.csv");
        await _app.RunQueuedJobsAsync();
        var running = await admin.ImportJobAsync("username,email\nret-run,run@example.com\n", "running.csv");
        await _app.Services.GetRequiredService<IJobStore>().ClaimAsync(
            new ClaimRequest("stuck-worker", fixture.Clock.GetUtcNow(), TimeSpan.FromDays(30)), default);
        var queued = await admin.ImportJobAsync("username,email\nret-q,q@example.com\n", "queued.csv");
        var folder = Path.Combine(_app.DataPath, "jobs", done.Id.ToString("N"));
        Assert.True(Directory.Exists(folder));
        Assert.Contains((await admin.GetFromJsonAsync<NotificationListBody>("/api/notifications"))!.Items, n => n.JobId == done.Id);

        fixture.Clock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1));
        await _app.Services.GetRequiredService<RetentionSweeper>().SweepOnceAsync(default);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/jobs/{done.Id}")).StatusCode);

        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        await _app.Services.GetRequiredService<RetentionSweeper>().SweepOnceAsync(default);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/jobs/{done.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/jobs/{done.Id}/errors.csv")).StatusCode);
        Assert.False(Directory.Exists(folder));
        Assert.DoesNotContain((await admin.GetFromJsonAsync<NotificationListBody>("/api/notifications"))!.Items, n => n.JobId == done.Id);
        Assert.Equal("running", (await admin.GetFromJsonAsync<JobBody>($"/api/jobs/{running.Id}"))!.Status);
        Assert.Equal("queued", (await admin.GetFromJsonAsync<JobBody>($"/api/jobs/{queued.Id}"))!.Status);
    }

    [Fact]
    public async Task A_finished_job_leaves_an_unread_notice_its_owner_alone_can_mark_read()
    {
        var admin = await _app.AdminAsync();
        var job = await admin.ImportJobAsync("username,email\nnote-user,note@example.com\n", "notice.csv");
        await _app.RunQueuedJobsAsync();
        var list = await admin.GetFromJsonAsync<NotificationListBody>("/api/notifications");
        var notice = Assert.Single(list!.Items, n => n.JobId == job.Id);
        Assert.Equal("Import of notice.csv (1 row) — completed, no errors", notice.Title);
        Assert.False(notice.Read);
        Assert.True(list.Unread >= 1);

        var branch = await admin.CreateBranchAsync("Notice branch " + Guid.NewGuid().ToString("N")[..6]);
        var other = await admin.CreateUserAsync("note-other-" + Guid.NewGuid().ToString("N")[..6], "poweruser", branch.Id);
        var otherClient = await _app.ClientForIdAsync(other.Id);
        Assert.Empty((await otherClient.GetFromJsonAsync<NotificationListBody>("/api/notifications"))!.Items);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PostAsync($"/api/notifications/{notice.Id}/read", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/notifications/{notice.Id}/read", null)).StatusCode);
        var after = await admin.GetFromJsonAsync<NotificationListBody>("/api/notifications");
        Assert.True(after!.Items.Single(n => n.Id == notice.Id).Read);
        Assert.Equal(list.Unread - 1, after.Unread);
    }
}
