using Offload.Platform.Branches;
using Offload.Platform.Courses;
using Offload.Platform.Enrollments;
using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Storage.Contract;

/// <summary>What every driver must give the users page and the user forms: filters, pages, scope, renames and the chunk-side reads.</summary>
public abstract class UserListContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private async Task<long> CreateAsync(string username, bool active = true, string first = "", params long[] branchIds) =>
        (await Stores.Users.CreateAsync(new CreateUserRequest(new User
        {
            Id = 0, Username = username, Email = username + "@example.com", FirstName = first, Role = Roles.User, Active = active, BranchIds = branchIds,
        }, T0), default))!.Value;

    private async Task<IEnumerable<string>> ListAsync(UserFilter filter, IReadOnlyList<long>? scope = null, int limit = 100, long? after = null) =>
        (await Stores.Users.ListAsync(new ListUsersRequest(filter, scope, limit, after), default)).Select(u => u.Username);

    [Fact]
    public async Task Filters_match_text_in_any_case_activity_branch_course_and_scope()
    {
        var lyon = (await Stores.Branches.CreateAsync(new CreateBranchRequest("Lyon", null), default))!.Id;
        var nice = (await Stores.Branches.CreateAsync(new CreateBranchRequest("Nice", null), default))!.Id;
        var alg = (await Stores.Courses.CreateAsync(new CreateCourseRequest("ALG101", "Algebra"), default))!.Id;
        var ann = await CreateAsync("ann", true, "Annabel", lyon);
        await CreateAsync("ben_50%", false, "Ben", nice);
        await CreateAsync("benx50y", true, "Benoit");
        await InChunkAsync(async tx => { await Stores.Enrollments.EnrollAsync(new EnrollRequest([ann], [alg], T0), tx, default); return 0; });

        Assert.Equal(["ann", "ben_50%", "benx50y"], await ListAsync(new UserFilter()));
        Assert.Equal(["ann"], await ListAsync(new UserFilter(Text: " ANNAB ")));
        Assert.Equal(["ben_50%"], await ListAsync(new UserFilter(Text: "n_50%")));
        Assert.Equal(["ben_50%", "benx50y"], await ListAsync(new UserFilter(Text: "BEN")));
        Assert.Equal(3, (await ListAsync(new UserFilter(Text: "EXAMPLE.COM"))).Count());
        Assert.Equal(["ben_50%"], await ListAsync(new UserFilter(Active: false)));
        Assert.Equal(["ben_50%"], await ListAsync(new UserFilter(BranchId: nice)));
        Assert.Equal(["ann"], await ListAsync(new UserFilter(CourseId: alg)));
        Assert.Equal(["ann"], await ListAsync(new UserFilter(Text: "n"), scope: [lyon]));
        Assert.Empty(await ListAsync(new UserFilter(), scope: []));
        Assert.Equal([ann], await Stores.Users.SelectIdsAsync(new SelectUsersRequest(new UserFilter(Text: "annabel"), [lyon, nice]), default));
    }

    [Fact]
    public async Task Pages_follow_the_id_order_after_the_last_one_seen()
    {
        var ids = new List<long>();
        foreach (var name in new[] { "e", "d", "c", "b", "a" }) ids.Add(await CreateAsync(name));

        Assert.Equal(["e", "d"], await ListAsync(new UserFilter(), limit: 2));
        Assert.Equal(["c", "b"], await ListAsync(new UserFilter(), limit: 2, after: ids[1]));
        Assert.Equal(["a"], await ListAsync(new UserFilter(), limit: 2, after: ids[3]));
    }

    [Fact]
    public async Task A_username_is_found_in_any_case_and_cannot_be_taken_twice()
    {
        var ann = await CreateAsync("Ann");
        var ben = await CreateAsync("ben");

        Assert.Equal(ann, (await Stores.Users.FindByUsernameAsync(new FindUserRequest("aNN"), default))!.Id);
        Assert.Null(await Stores.Users.CreateAsync(new CreateUserRequest(new User { Id = 0, Username = "ANN", Email = "x@example.com", Role = Roles.User }, T0), default));
        var benUser = (await Stores.Users.GetAsync(new GetUserRequest(ben), default))!;
        Assert.Equal(UserWriteResult.UsernameTaken, await Stores.Users.UpdateAsync(new UpdateUserRequest(benUser with { Username = "ann" }), default));
        Assert.Equal(UserWriteResult.Written, await Stores.Users.UpdateAsync(new UpdateUserRequest(benUser with { Username = "Benjamin", FirstName = "B" }), default));
        var renamed = (await Stores.Users.GetAsync(new GetUserRequest(ben), default))!;
        Assert.Equal(("Benjamin", "B"), (renamed.Username, renamed.FirstName));
        Assert.Equal(UserWriteResult.NotFound, await Stores.Users.UpdateAsync(new UpdateUserRequest(benUser with { Id = 999_999, Username = "nobody" }), default));
        Assert.Equal(UserWriteResult.NotFound, await Stores.Users.DeleteAsync(new DeleteUserRequest(999_999), default));
    }

    [Fact]
    public async Task A_chunk_counts_by_role_deletes_many_and_finds_branches_by_name_in_any_case()
    {
        var lyon = (await Stores.Branches.CreateAsync(new CreateBranchRequest("Lyon", null), default))!.Id;
        var a = await CreateAsync("a");
        var b = await CreateAsync("b");
        await CreateAsync("c");

        var (all, plain, admins, byName) = await InChunkAsync(async tx => (
            await Stores.Users.CountInChunkAsync(new CountUsersRequest(), tx, default),
            await Stores.Users.CountInChunkAsync(new CountUsersRequest(Roles.User), tx, default),
            await Stores.Users.CountInChunkAsync(new CountUsersRequest(Roles.Superadmin), tx, default),
            await Stores.Users.BranchIdsByNameAsync(tx, default)));
        await InChunkAsync(async tx => { await Stores.Users.DeleteManyAsync(new DeleteUsersRequest([a, b, 999_999]), tx, default); return 0; });

        Assert.Equal((3L, 3L, 0L), (all, plain, admins));
        Assert.Equal(lyon, byName["LYON"]);
        Assert.Equal(["c"], await ListAsync(new UserFilter()));
        Assert.Equal(1, await Stores.Users.CountAsync(new CountUsersRequest(Roles.User), default));
    }

    [Fact]
    public async Task A_token_finds_its_user_until_it_expires_or_is_revoked()
    {
        var ann = await CreateAsync("ann");
        await Stores.Tokens.CreateAsync(new CreateTokenRequest("h1", ann, T0, T0.AddHours(1)), default);
        await Stores.Tokens.CreateAsync(new CreateTokenRequest("h2", ann, T0, T0.AddHours(1)), default);

        Assert.Equal(ann, (await Stores.Tokens.FindUserAsync(new FindTokenRequest("h1", T0.AddMinutes(59)), default))!.Id);
        Assert.Null(await Stores.Tokens.FindUserAsync(new FindTokenRequest("h1", T0.AddHours(1)), default));
        Assert.True(await Stores.Tokens.RevokeAsync(new RevokeTokenRequest("h2", T0), default));
        Assert.False(await Stores.Tokens.RevokeAsync(new RevokeTokenRequest("h2", T0), default));
        Assert.Null(await Stores.Tokens.FindUserAsync(new FindTokenRequest("h2", T0), default));
        Assert.Equal(ann, (await Stores.Tokens.FindUserAsync(new FindTokenRequest("h1", T0), default))!.Id);
    }
}
