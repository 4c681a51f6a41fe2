using Offload.Platform.Courses;
using Offload.Platform.Enrollments;
using Offload.Platform.Users;

namespace Offload.Storage.Contract;

/// <summary>What every driver must do with enrollments: enroll and unenroll set-based in a chunk, and list a user's courses.</summary>
public abstract class EnrollmentsContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private async Task<long> UserAsync(string username) =>
        (await Stores.Users.CreateAsync(new CreateUserRequest(new User { Id = 0, Username = username, Email = username + "@example.com", Role = "user" }, T0), default))!.Value;

    private async Task<long> CourseAsync(string code) =>
        (await Stores.Courses.CreateAsync(new CreateCourseRequest(code, "Title of " + code), default))!.Id;

    private Task<IReadOnlyList<Enrollment>> ListAsync(long user) => Stores.Enrollments.ListForUserAsync(new ListEnrollmentsRequest(user), default);

    private Task EnrollAsync(IReadOnlyList<long> users, IReadOnlyList<long> courses, DateTimeOffset at) =>
        InChunkAsync(async tx =>
        {
            await Stores.Enrollments.EnrollAsync(new EnrollRequest(users, courses, at), tx, default);
            return 0;
        });

    private Task UnenrollAsync(IReadOnlyList<long> users, IReadOnlyList<long> courses) =>
        InChunkAsync(async tx =>
        {
            await Stores.Enrollments.UnenrollAsync(new UnenrollRequest(users, courses), tx, default);
            return 0;
        });

    [Fact]
    public async Task Enrolling_puts_every_user_in_every_course_and_a_user_sees_them_by_code()
    {
        var ann = await UserAsync("ann");
        var ben = await UserAsync("ben");
        var cid = await UserAsync("cid");
        var (bio, alg) = (await CourseAsync("BIO200"), await CourseAsync("ALG101"));

        await EnrollAsync([ann, ben], [bio, alg], T0);

        Assert.Equal([new(ann, alg, "ALG101", "Title of ALG101", T0), new(ann, bio, "BIO200", "Title of BIO200", T0)], await ListAsync(ann));
        Assert.Equal(["ALG101", "BIO200"], (await ListAsync(ben)).Select(e => e.CourseCode));
        Assert.Empty(await ListAsync(cid));
    }

    [Fact]
    public async Task Enrolling_again_keeps_the_first_enrollment_as_it_was()
    {
        var ann = await UserAsync("ann");
        var ben = await UserAsync("ben");
        var alg = await CourseAsync("ALG101");
        await EnrollAsync([ann], [alg], T0);

        await EnrollAsync([ann, ben], [alg], T0.AddDays(1));

        Assert.Equal(T0, Assert.Single(await ListAsync(ann)).EnrolledAt);
        Assert.Equal(T0.AddDays(1), Assert.Single(await ListAsync(ben)).EnrolledAt);
    }

    [Fact]
    public async Task Unenrolling_removes_only_the_given_users_from_the_given_courses()
    {
        var ann = await UserAsync("ann");
        var ben = await UserAsync("ben");
        var (alg, bio, chem) = (await CourseAsync("ALG101"), await CourseAsync("BIO200"), await CourseAsync("CHEM300"));
        await EnrollAsync([ann, ben], [alg, bio, chem], T0);

        await UnenrollAsync([ann], [alg, chem]);

        Assert.Equal(["BIO200"], (await ListAsync(ann)).Select(e => e.CourseCode));
        Assert.Equal(["ALG101", "BIO200", "CHEM300"], (await ListAsync(ben)).Select(e => e.CourseCode));
    }

    [Fact]
    public async Task Unenrolling_users_who_are_not_enrolled_changes_nothing()
    {
        var ann = await UserAsync("ann");
        var ben = await UserAsync("ben");
        var (alg, bio) = (await CourseAsync("ALG101"), await CourseAsync("BIO200"));
        await EnrollAsync([ann], [alg], T0);

        await UnenrollAsync([ben], [alg, bio]);
        await UnenrollAsync([ann], [bio]);

        Assert.Equal(["ALG101"], (await ListAsync(ann)).Select(e => e.CourseCode));
        Assert.Empty(await ListAsync(ben));
    }

    [Fact]
    public async Task A_deleted_user_takes_their_enrollments_with_them()
    {
        var ann = await UserAsync("ann");
        var alg = await CourseAsync("ALG101");
        await EnrollAsync([ann], [alg], T0);

        Assert.Equal(UserWriteResult.Written, await Stores.Users.DeleteAsync(new DeleteUserRequest(ann), default));

        Assert.Empty(await ListAsync(ann));
    }
}
