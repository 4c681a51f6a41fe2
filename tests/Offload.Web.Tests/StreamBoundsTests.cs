using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Offload.Platform.Users;

namespace Offload.Web.Tests;

/// <summary>The host on a fake clock, with small stream bounds and a hook that says when a stream ended on the server.</summary>
public sealed class StreamBoundsApp : IDisposable
{
    public const int MaxStreams = 3;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public StreamEnds StreamEnds { get; } = new();
    public OffloadApp App { get; } = new();

    public StreamBoundsApp()
    {
        App.Settings["Offload:Workers"] = "0";
        App.Settings["Offload:Events:MaxStreamLifetime"] = Lifetime.ToString();
        App.Settings["Offload:Events:RecheckInterval"] = Recheck.ToString();
        App.Settings["Offload:Events:MaxStreamsPerUser"] = MaxStreams.ToString(System.Globalization.CultureInfo.InvariantCulture);
        App.TestServices = s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            StreamEnds.Install(s);
        };
    }

    public void Dispose() => App.Dispose();
}

/// <summary>
/// Issue 22 item 4: a stream re-checks its caller at an interval (what another node changed, this one never
/// hears of), lives a bounded time, and one account holds a bounded number. Time is the fake clock's.
/// </summary>
public sealed class StreamBoundsTests(StreamBoundsApp fixture) : IClassFixture<StreamBoundsApp>
{
    private readonly OffloadApp _app = fixture.App;

    [Fact]
    public async Task A_demotion_this_node_never_heard_of_ends_the_stream_at_the_next_recheck()
    {
        var id = await _app.AddUserAsync("elsewhere-boss", "superadmin");
        await using var stream = await EventStream.OpenAsync(await _app.ClientForIdAsync(id));

        // Straight into the store, as another node's users API would: no word of it reaches this node.
        var users = _app.Services.GetRequiredService<IUserStore>();
        var user = (await users.GetAsync(new GetUserRequest(id), default))!;
        Assert.Equal(UserWriteResult.Written, await users.UpdateAsync(new UpdateUserRequest(user with { Role = "user" }), default));
        fixture.Clock.Advance(StreamBoundsApp.Recheck);

        await stream.ReadToEndAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_stream_ends_when_its_lifetime_is_over_and_the_reconnect_is_served()
    {
        var id = await _app.AddUserAsync("long-watcher", "poweruser");
        var client = await _app.ClientForIdAsync(id);
        await using var stream = await EventStream.OpenAsync(client);

        fixture.Clock.Advance(StreamBoundsApp.Lifetime);

        await stream.ReadToEndAsync(TimeSpan.FromSeconds(30));
        await using var again = await EventStream.OpenAsync(client);
    }

    [Fact]
    public async Task One_account_holds_a_bounded_number_of_streams_and_a_closed_one_frees_its_place()
    {
        var client = await _app.ClientForIdAsync(await _app.AddUserAsync("many-tabs", "poweruser"));
        var streams = new List<EventStream>();
        try
        {
            for (var i = 0; i < StreamBoundsApp.MaxStreams; i++) streams.Add(await EventStream.OpenAsync(client));

            var refused = await client.GetAsync("/api/jobs/events", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("Too many live job streams", (await refused.ProblemAsync()).Title);
            // Another account is not affected.
            var other = await _app.ClientForIdAsync(await _app.AddUserAsync("one-tab", "poweruser"));
            await using var theirs = await EventStream.OpenAsync(other);

            await streams[0].DisposeAsync();
            streams.RemoveAt(0);
            await fixture.StreamEnds.WaitAsync("many-tabs");
            streams.Add(await EventStream.OpenAsync(client));
        }
        finally
        {
            foreach (var s in streams) await s.DisposeAsync();
        }
    }
}
