using Offload.Platform.Branches;
using Offload.Platform.Users;

namespace Offload.Storage.Contract;

/// <summary>What every driver must give a mass action on a selection: which selected users still exist, and which the actor may change.</summary>
public abstract class UserBatchContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private async Task<long> CreateAsync(string username, string role = "user", params long[] branchIds) =>
        (await Stores.Users.CreateAsync(new CreateUserRequest(new User
        {
            Id = 0, Username = username, Email = $"{username}@example.com", FirstName = "First " + username, LastName = "Last " + username,
            Language = "fr", Active = false, Role = role, BranchIds = branchIds,
        }, T0), default))!.Value;

    private async Task<long> BranchAsync(string name) => (await Stores.Branches.CreateAsync(new CreateBranchRequest(name, null), default))!.Id;

    [Fact]
    public async Task Resolving_finds_the_users_that_still_exist_and_for_a_Superadmin_all_are_in_scope()
    {
        var lyon = await BranchAsync("Lyon");
        var ann = await CreateAsync("ann", "user", lyon);
        var boss = await CreateAsync("boss", "superadmin");
        var gone = await CreateAsync("gone");
        await Stores.Users.DeleteAsync(new DeleteUserRequest(gone), default);

        var found = await InChunkAsync(tx => Stores.Users.ResolveAsync(new ResolveUsersRequest([ann, gone, boss, 999_999], null), tx, default));

        Assert.Equal(new Dictionary<long, UserRef>
        {
            [ann] = new(ann, "ann", "user", true),
            [boss] = new(boss, "boss", "superadmin", true),
        }, found);
    }

    [Fact]
    public async Task Resolving_for_a_Power_User_says_who_shares_one_of_their_branches()
    {
        var lyon = await BranchAsync("Lyon");
        var nice = await BranchAsync("Nice");
        var brest = await BranchAsync("Brest");
        var inLyon = await CreateAsync("in-lyon", "user", lyon);
        var inBoth = await CreateAsync("in-both", "user", nice, brest);
        var inBrest = await CreateAsync("in-brest", "user", brest);
        var nowhere = await CreateAsync("nowhere");

        var found = await InChunkAsync(tx => Stores.Users.ResolveAsync(new ResolveUsersRequest([inLyon, inBoth, inBrest, nowhere], [lyon, nice]), tx, default));

        Assert.Equal([(inLyon, true), (inBoth, true), (inBrest, false), (nowhere, false)],
            new[] { inLyon, inBoth, inBrest, nowhere }.Select(id => (id, found[id].InScope)));
    }

    [Fact]
    public async Task Reading_many_gives_whole_profiles_with_their_branches()
    {
        var lyon = await BranchAsync("Lyon");
        var nice = await BranchAsync("Nice");
        var ann = await CreateAsync("ann", "poweruser", nice, lyon);
        var ben = await CreateAsync("ben");

        var read = await InChunkAsync(tx => Stores.Users.ReadManyAsync(new ReadUsersRequest([ben, ann, 999_999]), tx, default));

        Assert.Equal([ann, ben], read.Keys.Order());
        var a = read[ann];
        Assert.Equal(("ann", "ann@example.com", "First ann", "Last ann", "fr", false, "poweruser"),
            (a.Username, a.Email, a.FirstName, a.LastName, a.Language, a.Active, a.Role));
        Assert.Equal(new[] { lyon, nice }.Order(), a.BranchIds.Order());
        Assert.Empty(read[ben].BranchIds);
    }
}
