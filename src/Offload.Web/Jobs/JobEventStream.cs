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
/// <remarks>
/// A stream outlives the check its request passed, so it re-checks its caller (<see cref="PrincipalCheck"/>)
/// when their account changes on this node and every <see cref="EventStreamOptions.RecheckInterval"/>, and
/// before it sends what it gathered after such a change. It ends when the caller is no longer allowed or their
/// role changed (the browser reconnects and gets the scope it has now), and after
/// <see cref="EventStreamOptions.MaxStreamLifetime"/> in any case.
/// </remarks>
internal sealed class JobEventStream(Actor actor, JobEvents events, RecentJobReads jobs, CancellationToken stopping) : IResult
{
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);
    /// <summary>Keeps proxies from closing an idle stream, and lets the server notice a client that left.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static JobEventStream For(HttpContext http, JobEvents events, RecentJobReads jobs, IHostApplicationLifetime lifetime) =>
        new(http.User.ToActor(), events, jobs, lifetime.ApplicationStopping);

    public async Task ExecuteAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<EventStreamOptions>>().Value;
        using var slot = services.GetRequiredService<StreamSlots>().TryTake(actor.Id, options.MaxStreamsPerUser);
        if (slot is null)
        {
            await Problems.Write(http, StatusCodes.Status429TooManyRequests, "Too many live job streams",
                "An account may keep {0} job pages or streams open at once; close one and try again.", null, options.MaxStreamsPerUser);
            return;
        }
        var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var clock = services.GetRequiredService<TimeProvider>();
        var principals = services.GetRequiredService<PrincipalCheck>();
        // Descriptions in this request's language: the shared reads are jobs, each stream words them for its reader.
        var descriptions = services.GetRequiredService<JobDescriptions>();
        // The server's shutdown ends the stream too, or stopping the host would wait for every open page.
        using var lifetime = new CancellationTokenSource(options.MaxStreamLifetime, clock);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping, lifetime.Token);
        var ct = cts.Token;
        using var pending = new PendingChanges();
        using var subscription = events.Subscribe(change =>
        {
            if (actor.IsSuperadmin || change.OwnerId == actor.Id) pending.Note(change);
        });
        using var accountWatch = services.GetRequiredService<AccountChanges>().Subscribe(actor.Id, pending.RequestRecheck);
        using var recheckTimer = clock.CreateTimer(_ => pending.RequestRecheck(), null, options.RecheckInterval, options.RecheckInterval);
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
                    if (pending.TakeRecheck() && !await StillAllowedAsync(http, principals, ct)) return;
                    await WriteAsync(http, ": heartbeat\n\n", ct);
                    continue;
                }
                await Task.Delay(Window, ct);
                var batch = pending.Take();
                // After the take: a change of account that returned before a job changed is seen here, before sending it.
                if (pending.TakeRecheck() && !await StillAllowedAsync(http, principals, ct)) return;
                foreach (var (id, deleted) in batch)
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
            // The client left, the server stops or the stream's lifetime is over: nothing more to say.
        }
    }

    /// <summary>Whether the caller may go on with this stream as it is: same account, still allowed, same role.</summary>
    private async Task<bool> StillAllowedAsync(HttpContext http, PrincipalCheck principals, CancellationToken ct)
    {
        try
        {
            var now = await principals.RecheckAsync(http, AuthSetup.JobsPolicy, ct);
            return now?.ToActor() is { } current && current.Id == actor.Id && current.Role == actor.Role;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Fail closed (the database out of reach, say): the browser reconnects and signs in afresh.
            http.RequestServices.GetRequiredService<ILogger<JobEventStream>>().LogWarning(e,
                "Could not re-check the caller of user {UserId}'s job event stream; ending it", actor.Id);
            return false;
        }
    }

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken ct)
    {
        await http.Response.WriteAsync(text, ct);
        await http.Response.Body.FlushAsync(ct);
    }

    private sealed record DeletedJob(Guid Id, bool Deleted);

    /// <summary>Changed jobs not sent yet (true when deleted), whether the caller must be re-checked, and the signal that either is due.</summary>
    private sealed class PendingChanges : IDisposable
    {
        private readonly Lock _gate = new();
        private readonly SemaphoreSlim _wake = new(0, 1);
        private Dictionary<Guid, bool> _changed = [];
        private bool _recheck;
        private bool _closed;

        /// <summary>
        /// Runs on the committing thread: only notes the id and wakes the stream. A publish that took its
        /// snapshot of subscribers before this stream closed still calls here after <see cref="Dispose"/>.
        /// </summary>
        public void Note(JobChange change)
        {
            lock (_gate)
            {
                if (_closed) return;
                var wasIdle = _changed.Count == 0;
                _changed[change.JobId] = change.What == JobChangeKind.Deleted || _changed.GetValueOrDefault(change.JobId);
                if (wasIdle && _wake.CurrentCount == 0) _wake.Release();
            }
        }

        /// <summary>From the account watch or the timer: the stream re-checks its caller before it sends anything more.</summary>
        public void RequestRecheck()
        {
            lock (_gate)
            {
                if (_closed) return;
                _recheck = true;
                if (_wake.CurrentCount == 0) _wake.Release();
            }
        }

        public bool TakeRecheck()
        {
            lock (_gate)
            {
                var due = _recheck;
                _recheck = false;
                return due;
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

        public void Dispose()
        {
            lock (_gate)
            {
                _closed = true;
                _wake.Dispose();
            }
        }
    }
}
