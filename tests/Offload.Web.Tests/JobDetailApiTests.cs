using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs.Storage;
using Offload.Platform.Identity;

namespace Offload.Web.Tests;

/// <summary>
/// GET /api/jobs/{id}'s detail fields (SPEC §10): elapsedSeconds, etaSeconds, queuePosition, errorGroups; the list
/// leaves them null. No workers run, so queued jobs stay queued until the test runs them. Both stores
/// (OFFLOAD_TEST_STORE=postgres).
/// </summary>
public sealed class JobDetailApiTests(ManualApp fixture) : IClassFixture<ManualApp>
{
    private readonly OffloadApp _app = fixture.App;

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task A_queued_job_tells_its_place_in_the_queue_by_age_across_owners_and_no_times_yet()
    {
        var (anna, _) = await _app.UserAsync("detail-anna", Roles.PowerUser);
        var admin = await _app.AdminAsync();
        var first = await anna.ImportJobAsync("username,email\nq1,q1@example.com\n");
        var second = await admin.ImportJobAsync("username,email\nq2,q2@example.com\n");
        var third = await anna.ImportJobAsync("username,email\nq3,q3@example.com\n");

        var one = await GetJsonAsync(anna, $"/api/jobs/{first.Id}");
        var position = one.GetProperty("queuePosition").GetInt64();
        Assert.True(position >= 1);
        // The admin's job counts for Anna's too: the queue is everybody's, though she never sees whose it is.
        Assert.Equal(position + 1, (await GetJsonAsync(admin, $"/api/jobs/{second.Id}")).GetProperty("queuePosition").GetInt64());
        Assert.Equal(position + 2, (await GetJsonAsync(anna, $"/api/jobs/{third.Id}")).GetProperty("queuePosition").GetInt64());
        Assert.Equal(JsonValueKind.Null, one.GetProperty("elapsedSeconds").ValueKind);
        Assert.Equal(JsonValueKind.Null, one.GetProperty("etaSeconds").ValueKind);
        Assert.Equal(0, one.GetProperty("errorGroups").GetProperty("items").GetArrayLength());

        // Aborting the first moves the others up.
        Assert.Equal(HttpStatusCode.Accepted, (await anna.PostAsync($"/api/jobs/{first.Id}/abort", null)).StatusCode);
        Assert.Equal(position, (await GetJsonAsync(anna, $"/api/jobs/{third.Id}")).GetProperty("queuePosition").GetInt64() - 1);
        var aborted = await GetJsonAsync(anna, $"/api/jobs/{first.Id}");
        Assert.Equal(JsonValueKind.Null, aborted.GetProperty("queuePosition").ValueKind);
        Assert.Equal(JsonValueKind.Null, aborted.GetProperty("elapsedSeconds").ValueKind); // it never started
    }

    [Fact]
    public async Task A_finished_job_tells_how_long_it_ran_and_the_list_leaves_the_detail_out()
    {
        var admin = await _app.AdminAsync();
        var job = await admin.ImportJobAsync("username,email\nran1,ran1@example.com\nbad name,x@example.com\nbad other,y@example.com\n");
        await _app.RunQueuedJobsAsync();

        var detail = await GetJsonAsync(admin, $"/api/jobs/{job.Id}");
        Assert.Equal("completed", detail.GetProperty("status").GetString());
        var started = detail.GetProperty("startedAt").GetDateTimeOffset();
        var finished = detail.GetProperty("finishedAt").GetDateTimeOffset();
        Assert.Equal((long)(finished - started).TotalSeconds, detail.GetProperty("elapsedSeconds").GetInt64());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("etaSeconds").ValueKind);
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("queuePosition").ValueKind);
        // Both bad names are one reason, with the rows a spreadsheet shows them on (the header is row 1).
        var groups = detail.GetProperty("errorGroups");
        var group = Assert.Single(groups.GetProperty("items").EnumerateArray());
        Assert.Equal("username", group.GetProperty("field").GetString());
        Assert.Equal("The username may only contain letters, digits and . _ - @", group.GetProperty("message").GetString());
        Assert.Equal(2, group.GetProperty("count").GetInt64());
        Assert.Equal([3, 4], group.GetProperty("sampleRows").EnumerateArray().Select(r => r.GetInt64()));
        Assert.Equal(0, groups.GetProperty("otherGroups").GetInt64());
        Assert.Equal(0, groups.GetProperty("otherCount").GetInt64());

        var list = await GetJsonAsync(admin, "/api/jobs?scope=all");
        var row = list.GetProperty("items").EnumerateArray().Single(j => j.GetProperty("id").GetGuid() == job.Id);
        foreach (var field in new[] { "elapsedSeconds", "etaSeconds", "queuePosition", "errorGroups" })
            Assert.Equal(JsonValueKind.Null, row.GetProperty(field).ValueKind);
    }

    [Fact]
    public async Task An_abort_remembers_who_asked_first_through_the_api()
    {
        var (pu, _) = await _app.UserAsync("detail-pu", Roles.PowerUser);
        var admin = await _app.AdminAsync();
        var job = await pu.ImportJobAsync("username,email\nab1,ab1@example.com\n");
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/jobs/{job.Id}/abort", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await pu.PostAsync($"/api/jobs/{job.Id}/abort", null)).StatusCode);
        var read = await _app.Services.GetRequiredService<IJobMonitor>().GetAsync(new GetJobRequest(job.Id), default);
        Assert.Equal("admin", read!.AbortRequestedBy);
        Assert.NotNull(read.AbortRequestedAt);
    }

    [Fact]
    public async Task Another_power_users_job_is_404_with_its_detail()
    {
        var (owner, _) = await _app.UserAsync("detail-owner", Roles.PowerUser);
        var (other, _) = await _app.UserAsync("detail-other", Roles.PowerUser);
        var job = await owner.ImportJobAsync("username,email\nx1,x1@example.com\n");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/jobs/{job.Id}")).StatusCode);
    }
}
