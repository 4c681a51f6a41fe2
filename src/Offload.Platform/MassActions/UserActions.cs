using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Offload.Jobs;
using Offload.Platform.Courses;
using Offload.Platform.Enrollments;
using Offload.Platform.Identity;
using Offload.Platform.Selection;
using Offload.Platform.Users;
using Offload.Platform.Users.Delete;
using Offload.Platform.Users.Export;
using Offload.Platform.Users.Import;
using Offload.Platform.Users.Status;

namespace Offload.Platform.MassActions;

/// <summary>
/// The mass actions on a selection of users (SPEC §3). Each checks its input, freezes the selection into
/// an id file in the new job's folder — so totals are exact and later data changes do not change the
/// job — and only then writes the job.
/// </summary>
public sealed class UserActions(JobQueue queue, JobFiles files, IUserStore users, ICourseStore courses, ISelectionCounts counts,
    JobThroughput throughput, IOptions<ImportOptions> limits)
{
    public async Task<Job> EnrollAsync(SelectionRequest? selection, IReadOnlyList<long>? courseIds, Actor actor, CancellationToken ct)
    {
        var chosen = await RequireCoursesAsync(courseIds, ct);
        return await StartAsync(EnrollHandler.KindName, n => $"Enroll {Count(n, "user")} in {Count(chosen.Count, "course")}",
            selection, new UserActionInput(actor, CourseIds: chosen), actor, ct);
    }

    public async Task<Job> UnenrollAsync(SelectionRequest? selection, IReadOnlyList<long>? courseIds, Actor actor, CancellationToken ct)
    {
        var chosen = await RequireCoursesAsync(courseIds, ct);
        return await StartAsync(UnenrollHandler.KindName, n => $"Unenroll {Count(n, "user")} from {Count(chosen.Count, "course")}",
            selection, new UserActionInput(actor, CourseIds: chosen), actor, ct);
    }

    public Task<Job> SetStatusAsync(SelectionRequest? selection, bool? active, Actor actor, CancellationToken ct)
    {
        var value = RequireActive(active);
        return StartAsync(UsersStatusHandler.KindName, n => $"{(value ? "Activate" : "Deactivate")} {Count(n, "user")}",
            selection, new UserActionInput(actor, Active: value), actor, ct);
    }

    public Task<Job> DeleteAsync(SelectionRequest? selection, Actor actor, CancellationToken ct) =>
        StartAsync(UsersDeleteHandler.KindName, n => $"Delete {Count(n, "user")}", selection, new UserActionInput(actor), actor, ct);

    public Task<Job> ExportAsync(SelectionRequest? selection, IReadOnlyList<string>? columns, Actor actor, CancellationToken ct) =>
        StartAsync(UsersExportHandler.KindName, n => $"Export of {Count(n, "user")}", selection,
            new UserActionInput(actor, Columns: RequireColumns(columns)), actor, ct);

    // Previews (SPEC §9): the same checks as the actions above, in the same order, then counts of what the job would
    // do on an unchanged database; nothing written. Each says which users acted on stay as they are (ActionPreview.NoChange).

    public async Task<ActionPreview> PreviewEnrollAsync(SelectionRequest? selection, IReadOnlyList<long>? courseIds, Actor actor, CancellationToken ct)
    {
        var chosen = await RequireCoursesAsync(courseIds, ct);
        var (total, c) = await CountAsync(selection, actor, null, chosen, ct);
        return Preview(EnrollHandler.KindName, EnrollHandler.TypicalRate, total, c, noChange: c.EnrolledInAll);
    }

    public async Task<ActionPreview> PreviewUnenrollAsync(SelectionRequest? selection, IReadOnlyList<long>? courseIds, Actor actor, CancellationToken ct)
    {
        var chosen = await RequireCoursesAsync(courseIds, ct);
        var (total, c) = await CountAsync(selection, actor, null, chosen, ct);
        return Preview(UnenrollHandler.KindName, UnenrollHandler.TypicalRate, total, c, noChange: c.ActedOn - c.EnrolledInAny);
    }

    public async Task<ActionPreview> PreviewStatusAsync(SelectionRequest? selection, bool? active, Actor actor, CancellationToken ct)
    {
        var value = RequireActive(active);
        var (total, c) = await CountAsync(selection, actor, UsersStatusHandler.RefusedUserId(new UserActionInput(actor, Active: value)), [], ct);
        return Preview(UsersStatusHandler.KindName, UsersStatusHandler.TypicalRate, total, c, noChange: value ? c.Active : c.ActedOn - c.Active);
    }

    public async Task<ActionPreview> PreviewDeleteAsync(SelectionRequest? selection, Actor actor, CancellationToken ct)
    {
        var (total, c) = await CountAsync(selection, actor, UsersDeleteHandler.RefusedUserId(new UserActionInput(actor)), [], ct);
        var superadmins = c.Superadmins == 0 ? 0 : await users.CountAsync(new CountUsersRequest(Roles.Superadmin), ct);
        return Preview(UsersDeleteHandler.KindName, UsersDeleteHandler.TypicalRate, total, c, noChange: 0,
            refusedMore: UsersDeleteHandler.LastSuperadminRefusals(c.Superadmins, superadmins));
    }

    public async Task<ActionPreview> PreviewExportAsync(SelectionRequest? selection, IReadOnlyList<string>? columns, Actor actor, CancellationToken ct)
    {
        RequireColumns(columns);
        var (total, c) = await CountAsync(selection, actor, null, [], ct);
        return Preview(UsersExportHandler.KindName, UsersExportHandler.TypicalRate, total, c, noChange: 0);
    }

    /// <summary>How many users the filter matches inside the actor's branches: the "select all N users matching this filter" count.</summary>
    public Task<long> CountMatchingAsync(UserFilter filter, Actor actor, CancellationToken ct) =>
        counts.CountMatchingAsync(new CountMatchingRequest(filter, actor.Branches()), ct);

    private async Task<Job> StartAsync(string kind, Func<long, string> describe, SelectionRequest? selection, UserActionInput input,
        Actor actor, CancellationToken ct)
    {
        var ids = await FreezeAsync(selection, actor, ct);
        var id = JobQueue.NewId();
        try
        {
            await SelectionFile.WriteAsync(files.PathOf(id, SelectionFile.FileName), ids, ct);
            return await queue.EnqueueAsync(new NewJob(id, kind, describe(ids.Count), actor.Id, actor.Username, ids.Count,
                JsonSerializer.Serialize(input, JsonDefaults.Options)), ct);
        }
        catch
        {
            // Only failures before the job's row exists reach here: EnqueueAsync throws only when it wrote nothing.
            files.Delete(id);
            throw;
        }
    }

    /// <summary>Explicit ids (each once, in the order given) or the filter's matches inside the actor's scope.</summary>
    private async Task<IReadOnlyList<long>> FreezeAsync(SelectionRequest? selection, Actor actor, CancellationToken ct)
    {
        var (ids, filter) = CheckSelection(selection);
        if (ids is not null) return ids;
        var matches = await users.SelectIdsAsync(new SelectUsersRequest(filter!, actor.Branches()), ct);
        return matches.Count == 0 ? throw NoMatch() : matches;
    }

    /// <summary>
    /// The selection counted as <see cref="FreezeAsync"/> would freeze it and the job would then check it: the users
    /// selected (<see cref="FreezeAsync"/>'s count) and what the rules make of them.
    /// </summary>
    private async Task<(long Total, SelectionCounts Counts)> CountAsync(SelectionRequest? selection, Actor actor, long? refusedUserId,
        IReadOnlyList<long> courseIds, CancellationToken ct)
    {
        var (ids, filter) = CheckSelection(selection);
        var rules = new SelectionRules(actor.Branches(), actor.OnlyRole(), refusedUserId, courseIds);
        if (ids is not null) return (ids.Count, await counts.CountIdsAsync(new CountIdsRequest(ids, rules), ct));
        var found = await counts.CountFilterAsync(new CountFilterRequest(filter!, rules), ct);
        return found.Visible == 0 ? throw NoMatch() : (found.Visible, found);
    }

    /// <param name="refusedMore">Users acted on that the action's handler refuses beyond the rules (the last Superadmin).</param>
    private ActionPreview Preview(string kind, double typicalRate, long total, SelectionCounts c, long noChange, long refusedMore = 0)
    {
        var outOfScope = total - c.ActedOn + refusedMore;
        return new ActionPreview(total, total - outOfScope, outOfScope, noChange, throughput.EstimateSeconds(kind, total, typicalRate));
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

    private static bool RequireActive(bool? active) =>
        active ?? throw new RequestRejectedException("Say whether to activate or deactivate", "Send \"active\": true or false.", "active");

    /// <summary>The export's columns, lower-cased, all known and each once; every column when none is given.</summary>
    private static IReadOnlyList<string> RequireColumns(IReadOnlyList<string>? columns)
    {
        var chosen = columns is null or { Count: 0 } ? ExportColumns.All : columns.Select(c => c.Trim().ToLowerInvariant()).ToList();
        if (chosen.FirstOrDefault(c => !ExportColumns.All.Contains(c)) is { } unknown)
            throw new RequestRejectedException("Unknown export column",
                "'{0}' is not a column. Choose from: {1}.", "columns", args: [RequestRejectedException.Quote(unknown), string.Join(", ", ExportColumns.All)]);
        if (chosen.Distinct().Count() != chosen.Count)
            throw new RequestRejectedException("A column is listed twice", "List each export column once.", "columns");
        return chosen;
    }

    private async Task<IReadOnlyList<long>> RequireCoursesAsync(IReadOnlyList<long>? courseIds, CancellationToken ct)
    {
        if (courseIds is null or { Count: 0 })
            throw new RequestRejectedException("Choose at least one course", "Send \"courseIds\": [...].", "courseIds");
        var wanted = courseIds.Distinct().ToList();
        var found = (await courses.ListAsync(new ListCoursesRequest(wanted), ct)).Select(c => c.Id).ToHashSet();
        if (wanted.FirstOrDefault(c => !found.Contains(c), -1) is var missing && missing != -1)
            throw new RequestRejectedException("Unknown course", "Course #{0} does not exist.", "courseIds", args: [missing]);
        return wanted;
    }

    private static string Count(long n, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{n:N0} {noun}{(n == 1 ? "" : "s")}");
}
