using Offload.Platform.Courses;
using Offload.Platform.Enrollments;
using Offload.Platform.Users;

namespace Offload.Storage.Contract;

/// <summary>
/// What every driver's writes report for the change records — exactly what they changed — and how the undo's writes
/// leave alone what was changed again since.
/// </summary>
public abstract class WhatChangedContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, 123, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddHours(1);

    private async Task<long> UserAsync(string username, bool active = true) =>
        (await Stores.Users.CreateAsync(new CreateUserRequest(new User { Id = 0, Username = username, Email = username + "@example.com", Role = "user", Active = active }, T0), default))!.Value;

    private async Task<long> CourseAsync(string code) => (await Stores.Courses.CreateAsync(new CreateCourseRequest(code, code), default))!.Id;

    private Task<IReadOnlyList<EnrollmentPair>> EnrollAsync(IReadOnlyList<long> users, IReadOnlyList<long> courses, DateTimeOffset at) =>
        InChunkAsync(tx => Stores.Enrollments.EnrollAsync(new EnrollRequest(users, courses, at), tx, default));

    private async Task<IReadOnlyList<(long Course, DateTimeOffset At)>> EnrollmentsOfAsync(long user) =>
        [.. (await Stores.Enrollments.ListForUserAsync(new ListEnrollmentsRequest(user), default)).Select(e => (e.CourseId, e.EnrolledAt))];

    [Fact]
    public async Task Enrolling_reports_the_pairs_it_created_and_not_those_already_enrolled()
    {
        var (ann, ben) = (await UserAsync("ann"), await UserAsync("ben"));
        var (alg, bio) = (await CourseAsync("ALG"), await CourseAsync("BIO"));
        await EnrollAsync([ann], [alg], T0);

        var created = await EnrollAsync([ann, ben], [alg, bio], T1);

        Assert.Equal([new(ann, bio), new(ben, alg), new(ben, bio)], created.OrderBy(p => p.UserId).ThenBy(p => p.CourseId == bio));
    }

    [Fact]
    public async Task Unenrolling_reports_the_enrollments_it_removed_with_the_dates_they_had()
    {
        var (ann, ben, cid) = (await UserAsync("ann"), await UserAsync("ben"), await UserAsync("cid"));
        var alg = await CourseAsync("ALG");
        await EnrollAsync([ann], [alg], T0);
        await EnrollAsync([ben], [alg], T1);

        var removed = await InChunkAsync(tx => Stores.Enrollments.UnenrollAsync(new UnenrollRequest([ann, ben, cid], [alg]), tx, default));

        Assert.Equal([new(ann, alg, T0), new(ben, alg, T1)], removed.OrderBy(r => r.UserId));
    }

    [Fact]
    public async Task Removing_by_date_removes_only_enrollments_still_made_at_that_date()
    {
        var (ann, ben, cid) = (await UserAsync("ann"), await UserAsync("ben"), await UserAsync("cid"));
        var (alg, bio) = (await CourseAsync("ALG"), await CourseAsync("BIO"));
        await EnrollAsync([ann, ben, cid], [alg, bio], T0);
        // ben was unenrolled and enrolled again since: his enrollment is not the one made at T0 any more.
        await InChunkAsync(tx => Stores.Enrollments.UnenrollAsync(new UnenrollRequest([ben], [alg]), tx, default));
        await EnrollAsync([ben], [alg], T1);

        var removed = await InChunkAsync(tx => Stores.Enrollments.RemoveEnrolledAtAsync(new RemoveEnrolledAtRequest([ann, ben, cid], alg, T0), tx, default));

        Assert.Equal([ann, cid], removed.Order());
        Assert.Equal([(bio, T0)], await EnrollmentsOfAsync(ann));
        Assert.Equal(new[] { (alg, T1), (bio, T0) }.Order(), (await EnrollmentsOfAsync(ben)).Order());
    }

    [Fact]
    public async Task Statistics_refreshed_in_an_undos_chunk_leave_its_removals_as_they_were()
    {
        var users = new List<long>();
        for (var i = 0; i < 40; i++) users.Add(await UserAsync($"user{i}"));
        var alg = await CourseAsync("ALG");
        await EnrollAsync(users, [alg], T0);

        var removed = await InChunkAsync(async tx =>
        {
            await Stores.Enrollments.RefreshStatisticsAsync(tx, default);
            return await Stores.Enrollments.RemoveEnrolledAtAsync(new RemoveEnrolledAtRequest(users, alg, T0), tx, default);
        });

        Assert.Equal(users, removed.Order());
        Assert.Empty(await EnrollmentsOfAsync(users[0]));
    }

    [Fact]
    public async Task Enrolling_at_a_given_date_restores_an_enrollment_as_it_was_unless_one_exists_again()
    {
        var (ann, ben) = (await UserAsync("ann"), await UserAsync("ben"));
        var alg = await CourseAsync("ALG");
        await EnrollAsync([ben], [alg], T1);

        var restored = await EnrollAsync([ann, ben], [alg], T0);

        Assert.Equal([new(ann, alg)], restored);
        Assert.Equal([(alg, T0)], await EnrollmentsOfAsync(ann));
        Assert.Equal([(alg, T1)], await EnrollmentsOfAsync(ben));
    }

    [Fact]
    public async Task Setting_the_status_reports_only_the_users_whose_flag_it_changed()
    {
        var (on, off, gone) = (await UserAsync("on"), await UserAsync("off", active: false), await UserAsync("gone"));
        await Stores.Users.DeleteAsync(new DeleteUserRequest(gone), default);

        var flipped = await InChunkAsync(tx => Stores.Users.SetActiveAsync(new SetActiveRequest([on, off, gone], false), tx, default));
        // Set back: only those still as the job left them (off was reactivated by hand meanwhile).
        await InChunkAsync(tx => Stores.Users.SetActiveAsync(new SetActiveRequest([off], true), tx, default));
        var back = await InChunkAsync(tx => Stores.Users.SetActiveAsync(new SetActiveRequest([on, off], true), tx, default));

        Assert.Equal([on], flipped);
        Assert.Equal([on], back);
        Assert.True((await Stores.Users.GetAsync(new GetUserRequest(on), default))!.Active);
    }
}
