using Offload.Jobs;
using Offload.Platform.Branches;
using Offload.Platform.Courses;
using Offload.Platform.Enrollments;
using Offload.Platform.Identity;
using Offload.Platform.MassActions;
using Offload.Platform.Users;

namespace Offload.Storage.Contract;

/// <summary>What every driver must count for a selection's preview: explicit ids and filters, within a scope, against a job's rules.</summary>
public abstract class SelectionCountsContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Lyon: ann (active, in both courses), bea (inactive, in course 1), pat (Power User). Nice: cid (active). sam: Superadmin, no branch. gone: deleted.</summary>
    private sealed record World(long Lyon, long Nice, long C1, long C2, long Ann, long Bea, long Cid, long Pat, long Sam, long Gone);

    private async Task<World> BuildAsync()
    {
        var lyon = (await Stores.Branches.CreateAsync(new CreateBranchRequest("Lyon", null), default))!.Id;
        var nice = (await Stores.Branches.CreateAsync(new CreateBranchRequest("Nice", null), default))!.Id;
        var c1 = (await Stores.Courses.CreateAsync(new CreateCourseRequest("C1", "Course 1"), default))!.Id;
        var c2 = (await Stores.Courses.CreateAsync(new CreateCourseRequest("C2", "Course 2"), default))!.Id;
        var ann = await UserAsync("ann", Roles.User, true, lyon);
        var bea = await UserAsync("bea", Roles.User, false, lyon);
        var cid = await UserAsync("cid", Roles.User, true, nice);
        var pat = await UserAsync("pat", Roles.PowerUser, true, lyon);
        var sam = await UserAsync("sam", Roles.Superadmin, true);
        var gone = await UserAsync("gone", Roles.User, true, lyon);
        await Stores.Users.DeleteAsync(new DeleteUserRequest(gone), default);
        await InChunkAsync(async tx =>
        {
            await Stores.Enrollments.EnrollAsync(new EnrollRequest([ann], [c1, c2], T0), tx, default);
            await Stores.Enrollments.EnrollAsync(new EnrollRequest([bea], [c1], T0), tx, default);
            return 0;
        });
        return new World(lyon, nice, c1, c2, ann, bea, cid, pat, sam, gone);
    }

    private async Task<long> UserAsync(string username, string role, bool active, params long[] branchIds) =>
        (await Stores.Users.CreateAsync(new CreateUserRequest(new User
        {
            Id = 0, Username = username, Email = $"{username}@example.com", FirstName = "", LastName = "", Language = "en",
            Active = active, Role = role, BranchIds = branchIds,
        }, T0), default))!.Value;

    [Fact]
    public async Task Ids_for_a_Superadmin_count_every_existing_user_and_leave_missing_ones_out()
    {
        var w = await BuildAsync();
        var rules = new SelectionRules(null, null, RefusedUserId: w.Pat, [w.C1, w.C2]);

        var counts = await Stores.SelectionCounts.CountIdsAsync(new CountIdsRequest([w.Ann, w.Bea, w.Cid, w.Pat, w.Sam, w.Gone, 999_999], rules), default);

        // Acted on: ann, bea, cid, sam (pat is refused).
        Assert.Equal(new SelectionCounts(Visible: 5, Forbidden: 0, Refused: 1, Superadmins: 1, Active: 3, EnrolledInAll: 1, EnrolledInAny: 2), counts);
        Assert.Equal(4, counts.ActedOn);
    }

    [Fact]
    public async Task Ids_for_a_Power_User_see_only_their_branches_and_forbid_administrators_before_refusing()
    {
        var w = await BuildAsync();
        // The Power User pat, refused as themselves but forbidden first (an administrator), as the job checks in that order.
        var rules = new SelectionRules([w.Lyon], Roles.User, RefusedUserId: w.Pat, [w.C1]);

        var counts = await Stores.SelectionCounts.CountIdsAsync(new CountIdsRequest([w.Ann, w.Bea, w.Cid, w.Pat, w.Sam, 999_999], rules), default);

        Assert.Equal(new SelectionCounts(Visible: 3, Forbidden: 1, Refused: 0, Superadmins: 0, Active: 1, EnrolledInAll: 2, EnrolledInAny: 2), counts);
    }

    [Fact]
    public async Task A_filter_is_counted_where_it_matches_and_within_the_scope()
    {
        var w = await BuildAsync();
        var everyone = new SelectionRules(null, null, null, [w.C1, w.C2]);
        var lyonOnly = new SelectionRules([w.Lyon], Roles.User, null, []);

        Assert.Equal(new SelectionCounts(5, 0, 0, 1, 4, 1, 2),
            await Stores.SelectionCounts.CountFilterAsync(new CountFilterRequest(new UserFilter(), everyone), default));
        Assert.Equal(new SelectionCounts(2, 0, 0, 0, 1, 1, 2),
            await Stores.SelectionCounts.CountFilterAsync(new CountFilterRequest(new UserFilter(CourseId: w.C1), everyone), default));
        Assert.Equal(new SelectionCounts(3, 1, 0, 0, 1, 0, 0),
            await Stores.SelectionCounts.CountFilterAsync(new CountFilterRequest(new UserFilter(), lyonOnly), default));
        Assert.Equal(new SelectionCounts(0, 0, 0, 0, 0, 0, 0),
            await Stores.SelectionCounts.CountFilterAsync(new CountFilterRequest(new UserFilter(BranchId: w.Nice), lyonOnly), default));
    }

    [Fact]
    public async Task Counting_matches_gives_the_users_a_filter_would_select()
    {
        var w = await BuildAsync();

        Assert.Equal(5, await Stores.SelectionCounts.CountMatchingAsync(new CountMatchingRequest(new UserFilter(), null), default));
        Assert.Equal(4, await Stores.SelectionCounts.CountMatchingAsync(new CountMatchingRequest(new UserFilter(Active: true), null), default));
        Assert.Equal(3, await Stores.SelectionCounts.CountMatchingAsync(new CountMatchingRequest(new UserFilter(), [w.Lyon]), default));
        Assert.Equal(1, await Stores.SelectionCounts.CountMatchingAsync(new CountMatchingRequest(new UserFilter(Text: "CI"), null), default));
        Assert.Equal(0, await Stores.SelectionCounts.CountMatchingAsync(new CountMatchingRequest(new UserFilter(Text: "cid"), [w.Lyon]), default));
        Assert.Equal((await Stores.Users.SelectIdsAsync(new SelectUsersRequest(new UserFilter(Active: true), [w.Lyon, w.Nice]), default)).Count,
            await Stores.SelectionCounts.CountMatchingAsync(new CountMatchingRequest(new UserFilter(Active: true), [w.Lyon, w.Nice]), default));
    }
}
