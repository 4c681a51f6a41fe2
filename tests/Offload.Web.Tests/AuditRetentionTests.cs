using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs.Retention;

namespace Offload.Web.Tests;

/// <summary>
/// Audit entries outlive their job's retention and go after their own (Offload:Audit:Retention, here 30 days), swept by
/// the retention sweeper on a fake clock.
/// </summary>
public sealed class AuditRetentionTests : IClassFixture<FakeClockApp>
{
    private readonly FakeClockApp _fixture;

    public AuditRetentionTests(FakeClockApp fixture)
    {
        _fixture = fixture;
        fixture.App.Settings["Offload:Audit:Retention"] = "30.00:00:00";
    }

    private sealed record Entry(string Action, Guid JobId, bool JobExists);

    private sealed record Page(List<Entry> Items);

    [Fact]
    public async Task Entries_stay_when_their_job_expires_and_go_after_their_own_retention()
    {
        var app = _fixture.App;
        var admin = await app.AdminAsync();
        var job = await admin.ImportJobAsync("username,email\naudit-ret,ret@example.com\n", "kept.csv");
        await app.RunQueuedJobsAsync();
        var sweeper = app.Services.GetRequiredService<RetentionSweeper>();

        _fixture.Clock.Advance(TimeSpan.FromDays(29));
        await sweeper.SweepOnceAsync(default);
        admin = await app.AdminAsync(); // the session did not last the month
        var entry = Assert.Single((await admin.GetFromJsonAsync<Page>("/api/audit"))!.Items, e => e.JobId == job.Id);
        Assert.Equal(("job.start", false), (entry.Action, entry.JobExists)); // the job went at 14 days, its entry stays

        _fixture.Clock.Advance(TimeSpan.FromDays(2));
        await sweeper.SweepOnceAsync(default);
        admin = await app.AdminAsync();
        Assert.DoesNotContain((await admin.GetFromJsonAsync<Page>("/api/audit"))!.Items, e => e.JobId == job.Id);
    }
}
