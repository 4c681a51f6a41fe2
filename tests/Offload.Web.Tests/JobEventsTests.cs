using System.Net;
using System.Text;
using System.Text.Json;

namespace Offload.Web.Tests;

/// <summary>Two-item chunks: a few thousand rows commit hundreds of chunks, far more than the stream may send.</summary>
public sealed class SmallChunksApp : IDisposable
{
    public OffloadApp App { get; } = new();

    public SmallChunksApp() => App.Settings["Offload:ChunkSize"] = "2";

    public void Dispose() => App.Dispose();
}

/// <summary>GET /api/jobs/events: the changes of the jobs the caller may see, coalesced, as server-sent events.</summary>
public sealed class JobEventsTests(SmallChunksApp fixture) : IClassFixture<SmallChunksApp>
{
    private readonly OffloadApp _app = fixture.App;

    [Fact]
    public async Task The_owner_gets_coalesced_progress_and_the_end_others_get_nothing()
    {
        var admin = await _app.AdminAsync();
        var north = await admin.CreateBranchAsync("Events north");
        var (owner, _) = await _app.UserAsync("events-owner", "poweruser", north.Id);
        var (other, _) = await _app.UserAsync("events-other", "poweruser", north.Id);
        await using var ownerStream = await EventStream.OpenAsync(owner);
        await using var otherStream = await EventStream.OpenAsync(other);
        await using var adminStream = await EventStream.OpenAsync(admin);
        Assert.Equal("text/event-stream", ownerStream.ContentType);

        var started = DateTime.UtcNow;
        var job = await owner.ImportJobAsync(Rows(1000, "Events north"), "events.csv");
        var seen = await ownerStream.CollectAsync(TimeSpan.FromSeconds(180), e => Is(e, job.Id) && e.GetProperty("status").GetString() == "completed");
        var took = DateTime.UtcNow - started;

        var mine = seen.Where(e => Is(e, job.Id)).ToList();
        Assert.Equal("completed", mine[^1].GetProperty("status").GetString());
        Assert.Equal(1000, mine[^1].GetProperty("processed").GetInt64());
        // 500 chunks committed; one event per 250 ms window at most (plus the one that opens the first window).
        Assert.InRange(mine.Count, 1, (int)(took.TotalMilliseconds / 250) + 2);
        Assert.Contains(await adminStream.CollectAsync(TimeSpan.FromSeconds(5), e => Is(e, job.Id) && e.GetProperty("status").GetString() == "completed"),
            e => Is(e, job.Id));
        Assert.DoesNotContain(await otherStream.CollectAsync(TimeSpan.FromMilliseconds(500)), e => Is(e, job.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/jobs/{job.Id}")).StatusCode);
        var deleted = (await ownerStream.CollectAsync(TimeSpan.FromSeconds(5), e => Is(e, job.Id))).Last();
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
    }

    private static bool Is(JsonElement e, Guid id) => e.GetProperty("id").GetGuid() == id;

    private static string Rows(int count, string branch)
    {
        var csv = new StringBuilder("username,email,branch\n");
        for (var i = 0; i < count; i++) csv.Append($"ev{i},ev{i}@example.com,{branch}\n");
        return csv.ToString();
    }
}
