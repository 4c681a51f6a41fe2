using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Identity;
using Offload.Platform.Notifications;
using Offload.Web.Auth;

namespace Offload.Web.Jobs;

/// <summary>
/// GET /api/jobs/events (SPEC §7): server-sent events for the jobs the caller may see. Each event's data is
/// the job's JSON, or <c>{"id":…,"deleted":true}</c>. Changes are coalesced per connection: after a change the
/// stream waits <see cref="Window"/> and then sends each changed job once, in its latest state, so a job whose
/// chunks commit hundreds of times a second still costs a few events a second. No event ids: a client that
/// reconnects re-reads the list instead of replaying what it missed.
/// </summary>
internal sealed class JobEventStream(Actor actor, JobEvents events, RecentJobReads jobs, CancellationToken stopping) : IResult
{
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);
    /// <summary>Keeps proxies from closing an idle stream, and lets the server notice a client that left.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static JobEventStream For(HttpContext http, JobEvents events, RecentJobReads jobs, IHostApplicationLifetime lifetime) =>
        new(http.User.ToActor(), events, jobs, lifetime.ApplicationStopping);

    public async Task ExecuteAsync(HttpContext http)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        // Descriptions in this request's language: the shared reads are jobs, each stream words them for its reader.
        var descriptions = http.RequestServices.GetRequiredService<JobDescriptions>();
        // The server's shutdown ends the stream too, or stopping the host would wait for every open page.
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var ct = cts.Token;
        using var pending = new PendingChanges();
        using var subscription = events.Subscribe(change =>
        {
            if (actor.IsSuperadmin || change.OwnerId == actor.Id) pending.Note(change);
        });
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            // Sends the headers at once, so the client's EventSource opens before anything changes.
            await WriteAsync(http, "retry: 3000\n: connected\n\n", ct);
            while (!ct.IsCancellationRequested)
            {
                if (!await pending.WaitAsync(Heartbeat, ct))
                {
                    await WriteAsync(http, ": heartbeat\n\n", ct);
                    continue;
                }
                await Task.Delay(Window, ct);
                foreach (var (id, deleted) in pending.Take())
                {
                    var job = deleted ? null : await jobs.GetAsync(id, ct);
                    object data = job is null ? new DeletedJob(id, true) : JobDto.From(job, descriptions);
                    if (job is null || actor.MaySee(job))
                        await WriteAsync(http, $"data: {JsonSerializer.Serialize(data, json)}\n\n", ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client left or the server stops: nothing more to say.
        }
    }

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken ct)
    {
        await http.Response.WriteAsync(text, ct);
        await http.Response.Body.FlushAsync(ct);
    }

    private sealed record DeletedJob(Guid Id, bool Deleted);

    /// <summary>Changed jobs not sent yet (true when deleted), and the signal that there are some.</summary>
    private sealed class PendingChanges : IDisposable
    {
        private readonly Lock _gate = new();
        private readonly SemaphoreSlim _wake = new(0, 1);
        private Dictionary<Guid, bool> _changed = [];

        /// <summary>Runs on the committing thread: only notes the id and wakes the stream.</summary>
        public void Note(JobChange change)
        {
            lock (_gate)
            {
                var wasIdle = _changed.Count == 0;
                _changed[change.JobId] = change.What == "deleted" || _changed.GetValueOrDefault(change.JobId);
                if (wasIdle && _wake.CurrentCount == 0) _wake.Release();
            }
        }

        public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);

        public Dictionary<Guid, bool> Take()
        {
            lock (_gate)
            {
                var batch = _changed;
                _changed = [];
                return batch;
            }
        }

        public void Dispose() => _wake.Dispose();
    }
}
