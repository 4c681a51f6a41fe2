using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs;

namespace Offload.Web.Tests;

/// <summary>The host, with a hook that says when the server side of each event stream has ended.</summary>
public sealed class ClosingStreamsApp : IDisposable
{
    public OffloadApp App { get; } = new();

    public StreamEnds StreamEnds { get; } = new();

    public ClosingStreamsApp() => App.TestServices = StreamEnds.Install;

    public void Dispose() => App.Dispose();
}

/// <summary>
/// Issue 22 item 5: a publish that took its snapshot of subscribers before a stream closed still calls that
/// stream. That must neither fail the request that published (a 500 for a job that exists, whose creator then
/// deleted its input) nor keep the change from anyone else. Deterministic: the test holds the publish of each
/// new job until the streams it will call have closed on the server.
/// </summary>
public sealed class ClosingStreamsTests(ClosingStreamsApp fixture) : IClassFixture<ClosingStreamsApp>
{
    private readonly OffloadApp _app = fixture.App;

    [Fact]
    public async Task Streams_that_close_while_a_job_is_announced_fail_no_creation_and_no_job()
    {
        var events = _app.Services.GetRequiredService<JobEvents>();
        var adminId = (await _app.FindUserAsync("admin"))!.Id;
        var admin = await _app.ClientForIdAsync(adminId);
        var watcher = await _app.ClientForIdAsync(await _app.AddUserAsync("closing-watcher", "superadmin"));
        var gate = new PublishGate();
        // Subscribed before any stream, so every publish reaches the gate before the streams.
        using var gateSubscription = events.Subscribe(gate.OnChange);

        var jobs = new List<Guid>();
        for (var round = 0; round < 12; round++)
        {
            var doomed = new List<EventStream>();
            for (var i = 0; i < 3; i++) doomed.Add(await EventStream.OpenAsync(watcher));
            var held = gate.HoldNextCreated();
            // Half the rounds through each kind of creation: a frozen selection and an uploaded file.
            var creating = round % 2 == 0
                ? admin.PostAsJsonAsync("/api/mass-actions/users-export", new { selection = new { userIds = new[] { adminId } } })
                : admin.ImportAsync($"username,email\nclosing{round},closing{round}@example.com\n", $"closing{round}.csv");
            await held.WaitAsync(TimeSpan.FromMinutes(1));
            foreach (var stream in doomed) await stream.DisposeAsync();
            await fixture.StreamEnds.WaitAsync("closing-watcher", doomed.Count);
            gate.Release();

            var response = await creating;
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"round {round}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            jobs.Add((await response.Content.ReadFromJsonAsync<CreatedBody>())!.Job.Id);
        }

        foreach (var id in jobs)
        {
            var job = await admin.WaitFinishedAsync(id, TimeSpan.FromMinutes(2));
            Assert.True(job.Status == "completed", $"{job.Kind} {id} ended {job.Status}: {job.FailureReason}");
            Assert.Equal(job.Total, job.Processed);
        }
    }

    [Fact]
    public async Task A_subscriber_that_throws_fails_no_request_and_takes_no_job_input()
    {
        var events = _app.Services.GetRequiredService<JobEvents>();
        var adminId = (await _app.FindUserAsync("admin"))!.Id;
        var admin = await _app.ClientForIdAsync(adminId);
        using var broken = events.Subscribe(_ => throw new InvalidOperationException("a broken subscriber"));
        await using var watcher = await EventStream.OpenAsync(admin);

        var import = await admin.ImportAsync("username,email\nthrown1,thrown1@example.com\nthrown2,thrown2@example.com\n", "thrown.csv");
        Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
        var imported = (await import.Content.ReadFromJsonAsync<CreatedBody>())!.Job;
        var export = await admin.StartAsync("users-export", new { selection = new { userIds = new[] { adminId } } });

        // Both ran from their input: the upload and the frozen selection were still there.
        var importDone = await admin.WaitFinishedAsync(imported.Id);
        Assert.True(importDone.Status == "completed", $"import ended {importDone.Status}: {importDone.FailureReason}");
        Assert.Equal((2, 0L), (importDone.Processed, importDone.ErrorCount));
        Assert.NotNull(await _app.FindUserAsync("thrown2"));
        var exportDone = await admin.WaitFinishedAsync(export.Id);
        Assert.True(exportDone.Status == "completed", $"export ended {exportDone.Status}: {exportDone.FailureReason}");
        // A stream subscribed after the broken subscriber still hears the end.
        Assert.Contains(await watcher.CollectAsync(TimeSpan.FromSeconds(30),
            e => e.GetProperty("id").GetGuid() == export.Id && e.GetProperty("status").GetString() == "completed"),
            e => e.GetProperty("id").GetGuid() == export.Id && e.GetProperty("status").GetString() == "completed");

        // Deleting announces too: the answer says what happened, not what a subscriber did.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/jobs/{export.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/jobs/{export.Id}")).StatusCode);
    }

    /// <summary>Holds the publishing thread on the next "created" change until the test releases it.</summary>
    private sealed class PublishGate
    {
        private readonly ManualResetEventSlim _open = new(true);
        private TaskCompletionSource? _held;

        public Task HoldNextCreated()
        {
            _open.Reset();
            var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _held, held);
            return held.Task;
        }

        public void Release() => _open.Set();

        public void OnChange(JobChange change)
        {
            if (change.What != JobChangeKind.Created || Interlocked.Exchange(ref _held, null) is not { } held) return;
            held.SetResult();
            // Bounded, so a broken test cannot hang the publishing request forever.
            _open.Wait(TimeSpan.FromMinutes(1));
        }
    }
}
