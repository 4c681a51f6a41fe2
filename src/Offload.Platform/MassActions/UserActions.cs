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
public sealed class UserActions(JobQueue queue, JobFiles files, IUserStore users, ICourseStore courses, IOptions<ImportOptions> limits)
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
        if (active is not { } value)
            throw new RequestRejectedException("Say whether to activate or deactivate", "Send \"active\": true or false.", "active");
        return StartAsync(UsersStatusHandler.KindName, n => $"{(value ? "Activate" : "Deactivate")} {Count(n, "user")}",
            selection, new UserActionInput(actor, Active: value), actor, ct);
    }

    public Task<Job> DeleteAsync(SelectionRequest? selection, Actor actor, CancellationToken ct) =>
        StartAsync(UsersDeleteHandler.KindName, n => $"Delete {Count(n, "user")}", selection, new UserActionInput(actor), actor, ct);

    public Task<Job> ExportAsync(SelectionRequest? selection, IReadOnlyList<string>? columns, Actor actor, CancellationToken ct)
    {
        var chosen = columns is null or { Count: 0 } ? ExportColumns.All : columns.Select(c => c.Trim().ToLowerInvariant()).ToList();
        if (chosen.FirstOrDefault(c => !ExportColumns.All.Contains(c)) is { } unknown)
            throw new RequestRejectedException("Unknown export column",
                "'{0}' is not a column. Choose from: {1}.", "columns", args: [RequestRejectedException.Quote(unknown), string.Join(", ", ExportColumns.All)]);
        if (chosen.Distinct().Count() != chosen.Count)
            throw new RequestRejectedException("A column is listed twice", "List each export column once.", "columns");
        return StartAsync(UsersExportHandler.KindName, n => $"Export of {Count(n, "user")}", selection,
            new UserActionInput(actor, Columns: chosen), actor, ct);
    }

    // Previews (SPEC §9): the same input checks as the actions above, nothing written. Implemented in issue 17's backend branch.
    public Task<ActionPreview> PreviewEnrollAsync(SelectionRequest? selection, IReadOnlyList<long>? courseIds, Actor actor, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<ActionPreview> PreviewUnenrollAsync(SelectionRequest? selection, IReadOnlyList<long>? courseIds, Actor actor, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<ActionPreview> PreviewStatusAsync(SelectionRequest? selection, bool? active, Actor actor, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<ActionPreview> PreviewDeleteAsync(SelectionRequest? selection, Actor actor, CancellationToken ct) =>
        throw new NotImplementedException();

    public Task<ActionPreview> PreviewExportAsync(SelectionRequest? selection, IReadOnlyList<string>? columns, Actor actor, CancellationToken ct) =>
        throw new NotImplementedException();

    /// <summary>How many users the filter matches inside the actor's branches: the "select all N users matching this filter" count.</summary>
    public Task<long> CountMatchingAsync(UserFilter filter, Actor actor, CancellationToken ct) =>
        throw new NotImplementedException();

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
                return distinct;
            default:
                var matches = await users.SelectIdsAsync(new SelectUsersRequest(selection.Filter!, actor.Branches()), ct);
                if (matches.Count == 0) throw new RequestRejectedException("No user matches the filter", "Change the filter and try again.", "selection.filter");
                return matches;
        }
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
