using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Offload.Jobs;
using Offload.Platform.Identity;
using Offload.Platform.Selection;
using Offload.Platform.Users;
using Offload.Platform.Users.Import;

namespace Offload.Platform.MassActions;

/// <summary>
/// What every mass action on a selection of users (SPEC §3, §9) shares: the selection's checks, its freezing into an
/// id file in the new job's folder — so totals are exact and later data changes do not change the job — before the
/// job is written, and the counts a preview is made of, taken as the job would then check the selection.
/// </summary>
public sealed class SelectionJobs(JobQueue queue, JobFiles files, IUserStore users, ISelectionCounts counts, JobThroughput throughput,
    IOptions<ImportOptions> limits)
{
    /// <summary>Freezes the selection, then writes the job of <paramref name="kind"/> with its frozen input.</summary>
    /// <param name="describe">The job's stored English description, from how many users were selected.</param>
    public async Task<Job> StartAsync<TJobInput>(string kind, Func<long, string> describe, SelectionRequest? selection, TJobInput input,
        StopOnErrors? stopOnErrors, CancellationToken ct) where TJobInput : ISelectionJobInput
    {
        var actor = input.Actor;
        var ids = await FreezeAsync(selection, actor, ct);
        return await WriteAsync(kind, describe(ids.Count), ids, actor, JsonSerializer.Serialize(input, JsonDefaults.Options), null, stopOnErrors, ct);
    }

    /// <summary>
    /// A retry (SPEC §10): freezes <paramref name="ids"/> — a finished job's failed items — as a selection of user ids and
    /// writes the job of <paramref name="kind"/>, owned by <paramref name="actor"/>, with <paramref name="input"/> (JSON) frozen,
    /// under the original's error-rate stop (<paramref name="stopOnErrors"/>).
    /// </summary>
    public Task<Job> StartRetryAsync(string kind, string description, IReadOnlyList<long> ids, Actor actor, string input, Guid retryOf,
        StopOnErrors? stopOnErrors, CancellationToken ct) => WriteAsync(kind, description, ids, actor, input, retryOf, stopOnErrors, ct);

    private async Task<Job> WriteAsync(string kind, string description, IReadOnlyList<long> ids, Actor actor, string input, Guid? retryOf,
        StopOnErrors? stopOnErrors, CancellationToken ct)
    {
        var id = JobQueue.NewId();
        try
        {
            await SelectionFile.WriteAsync(files.PathOf(id, SelectionFile.FileName), ids, ct);
            return await queue.EnqueueAsync(new NewJob(id, kind, description, actor.Id, actor.Username, ids.Count, input, RetryOf: retryOf,
                StopOnErrors: stopOnErrors), ct);
        }
        catch
        {
            // Only failures before the job's row exists reach here: EnqueueAsync throws only when it wrote nothing.
            files.Delete(id);
            throw;
        }
    }

    /// <summary>
    /// The selection counted as <see cref="StartAsync{TJobInput}"/> would freeze it and the job would then check it: the
    /// users selected and what the rules make of them.
    /// </summary>
    /// <param name="refusedUserId">A user the action refuses whatever their role (<see cref="SelectionRules.RefusedUserId"/>).</param>
    public async Task<(long Total, SelectionCounts Counts)> CountAsync(SelectionRequest? selection, Actor actor, long? refusedUserId,
        IReadOnlyList<long> courseIds, CancellationToken ct)
    {
        var (ids, filter) = CheckSelection(selection);
        var rules = new SelectionRules(actor.Branches(), actor.OnlyRole(), refusedUserId, courseIds);
        if (ids is not null) return (ids.Count, await counts.CountIdsAsync(new CountIdsRequest(ids, rules), ct));
        var found = await counts.CountFilterAsync(new CountFilterRequest(filter!, rules), ct);
        return found.Visible == 0 ? throw NoMatch() : (found.Visible, found);
    }

    /// <summary>
    /// Users per second a selection action runs at before this node has measured its own (<see cref="JobThroughput"/>):
    /// enrolling 1M users in one course on PostgreSQL, the slower store (docs/BENCHMARKS.md); the other actions' chunks
    /// do no more work per user.
    /// </summary>
    public const double TypicalRate = 48_000;

    /// <summary>What the job would do on an unchanged database, from <see cref="CountAsync"/>'s counts.</summary>
    /// <param name="noChange">The users acted on that the action leaves as they are (<see cref="ActionPreview.NoChange"/>).</param>
    /// <param name="refusedMore">Users acted on that the action's handler refuses beyond the rules (the last Superadmin).</param>
    public ActionPreview Preview(string kind, double typicalRate, long total, SelectionCounts c, long noChange, long refusedMore = 0)
    {
        var outOfScope = total - c.ActedOn + refusedMore;
        return new ActionPreview(total, total - outOfScope, outOfScope, noChange, throughput.EstimateSeconds(kind, total, typicalRate));
    }

    /// <summary>How many users the filter matches inside the actor's branches: the "select all N users matching this filter" count.</summary>
    public Task<long> CountMatchingAsync(UserFilter filter, Actor actor, CancellationToken ct) =>
        counts.CountMatchingAsync(new CountMatchingRequest(filter, actor.Branches()), ct);

    /// <summary>"1 user", "1,204 users": the counts in a job's stored English description.</summary>
    public static string Count(long n, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{n:N0} {noun}{(n == 1 ? "" : "s")}");

    /// <summary>Explicit ids (each once, in the order given) or the filter's matches inside the actor's scope.</summary>
    private async Task<IReadOnlyList<long>> FreezeAsync(SelectionRequest? selection, Actor actor, CancellationToken ct)
    {
        var (ids, filter) = CheckSelection(selection);
        if (ids is not null) return ids;
        var matches = await users.SelectIdsAsync(new SelectUsersRequest(filter!, actor.Branches()), ct);
        return matches.Count == 0 ? throw NoMatch() : matches;
    }

    /// <summary>The selection's shape checked: its distinct ids, or (ids null) its filter.</summary>
    private (IReadOnlyList<long>? Ids, UserFilter? Filter) CheckSelection(SelectionRequest? selection)
    {
        switch (selection)
        {
            case null or { UserIds: null, Filter: null }:
                throw new RequestRejectedException("Choose the users", "Send \"selection\": {\"userIds\": [...]} or {\"filter\": {...}}.", "selection");
            case { UserIds: not null, Filter: not null }:
                throw new RequestRejectedException("Give either user ids or a filter", "A selection is userIds or filter, not both.", "selection");
            case { UserIds: { } given }:
                if (given.Count == 0) throw new RequestRejectedException("The selection is empty", "userIds lists no user.", "selection.userIds");
                if (given.Any(i => i <= 0)) throw new RequestRejectedException("Invalid user id", "User ids are positive numbers.", "selection.userIds");
                var distinct = given.Distinct().ToList();
                if (distinct.Count > limits.Value.MaxRows)
                    throw new RequestRejectedException("Too many users", "A mass action may act on at most {0:N0} users.", "selection.userIds", args: [limits.Value.MaxRows]);
                return (distinct, null);
            default:
                return (null, selection.Filter);
        }
    }

    private static RequestRejectedException NoMatch() =>
        new("No user matches the filter", "Change the filter and try again.", "selection.filter");
}
