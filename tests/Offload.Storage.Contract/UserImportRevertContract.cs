using Offload.Platform.Branches;
using Offload.Platform.Users;

namespace Offload.Storage.Contract;

/// <summary>
/// What every driver's undo of an import must do: delete the users it created, give the ones it updated their earlier
/// values back, and leave alone (and report) a user edited or deleted since.
/// </summary>
public abstract class UserImportRevertContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private Task<IReadOnlyList<ImportWrite>> ImportAsync(bool updateExisting, params ImportedUser[] rows) =>
        InChunkAsync(tx => Stores.Users.ImportAsync(new ImportUsersRequest(rows, updateExisting, T0), tx, default));

    private Task<IReadOnlyList<ImportRevertSkip>> RevertAsync(IReadOnlyList<ImportWrite> items) =>
        InChunkAsync(tx => Stores.Users.RevertImportAsync(new RevertImportRequest(items), tx, default));

    private static ImportedUser Row(string username, string email, long? branchId = null) =>
        new(username, email, null, null, null, null, null, branchId);

    private async Task<User?> FindAsync(string username) => await Stores.Users.FindByUsernameAsync(new FindUserRequest(username), default);

    private async Task<User> CreateAsync(string username, string role = "user", params long[] branchIds) =>
        (await Stores.Users.GetAsync(new GetUserRequest((await Stores.Users.CreateAsync(new CreateUserRequest(new User
        {
            Id = 0, Username = username, Email = $"{username}@example.com", FirstName = "First", LastName = "Last", Language = "fr",
            Active = false, Role = role, PasswordHash = "old-hash", BranchIds = branchIds,
        }, T0), default))!.Value), default))!;

    [Fact]
    public async Task Created_users_are_deleted_and_updated_users_get_every_earlier_value_back()
    {
        var lyon = (await Stores.Branches.CreateAsync(new CreateBranchRequest("Lyon", null), default))!;
        var nice = (await Stores.Branches.CreateAsync(new CreateBranchRequest("Nice", null), default))!;
        var before = await CreateAsync("ann", branchIds: lyon.Id);
        var writes = await ImportAsync(true,
            new ImportedUser("ANN", "ann2@example.com", "Annie", null, "en", true, "new-hash", nice.Id),
            Row("ben", "ben@example.com", lyon.Id),
            Row("cat", "cat@example.com"));

        Assert.Empty(await RevertAsync(writes));

        Assert.Equal((null, null), (await FindAsync("ben"), await FindAsync("cat")));
        var ann = (await FindAsync("ann"))!;
        Assert.Equal(before with { SecurityStamp = ann.SecurityStamp, BranchIds = ann.BranchIds }, ann);
        Assert.Equal([lyon.Id], ann.BranchIds);
        Assert.NotEqual(before.SecurityStamp, ann.SecurityStamp); // The imported password's sessions end with it.
        Assert.Equal(1, await Stores.Users.CountAsync(new CountUsersRequest(), default));
    }

    [Fact]
    public async Task A_user_edited_since_is_left_as_it_is_and_reported()
    {
        var lyon = (await Stores.Branches.CreateAsync(new CreateBranchRequest("Lyon", null), default))!;
        await CreateAsync("dan");
        await CreateAsync("eve");
        var writes = await ImportAsync(true, Row("dan", "dan2@example.com"), Row("eve", "eve2@example.com"), Row("fay", "fay@example.com"),
            Row("gus", "gus@example.com"), Row("hal", "hal@example.com", lyon.Id), Row("ivy", "ivy@example.com"));
        var dan = (await FindAsync("dan"))!;
        await Stores.Users.UpdateAsync(new UpdateUserRequest(dan with { FirstName = "Edited" }), default);
        var fay = (await FindAsync("fay"))!;
        await Stores.Users.UpdateAsync(new UpdateUserRequest(fay with { Email = "edited@example.com" }), default);
        var gus = (await FindAsync("gus"))!;
        await Stores.Users.UpdateAsync(new UpdateUserRequest(gus with { Role = "poweruser" }), default);
        var hal = (await FindAsync("hal"))!;
        await Stores.Users.UpdateAsync(new UpdateUserRequest(hal with { BranchIds = [] }), default);

        var skipped = await RevertAsync(writes);

        Assert.Equal([new ImportRevertSkip(0, ImportRevertSkipReason.ChangedSince), new ImportRevertSkip(2, ImportRevertSkipReason.ChangedSince),
            new ImportRevertSkip(3, ImportRevertSkipReason.ChangedSince), new ImportRevertSkip(4, ImportRevertSkipReason.ChangedSince)], skipped);
        Assert.Equal(("Edited", "dan2@example.com"), ((await FindAsync("dan"))!.FirstName, (await FindAsync("dan"))!.Email));
        Assert.Equal("eve@example.com", (await FindAsync("eve"))!.Email);
        Assert.Equal("edited@example.com", (await FindAsync("fay"))!.Email);
        Assert.Equal("poweruser", (await FindAsync("gus"))!.Role);
        Assert.NotNull(await FindAsync("hal"));
        Assert.Null(await FindAsync("ivy"));
    }

    [Fact]
    public async Task A_user_deleted_since_is_reported_and_the_rest_reverted()
    {
        await CreateAsync("jon");
        var writes = await ImportAsync(true, Row("jon", "jon2@example.com"), Row("kim", "kim@example.com"), Row("lea", "lea@example.com"));
        await Stores.Users.DeleteAsync(new DeleteUserRequest(writes[0].UserId), default);
        await Stores.Users.DeleteAsync(new DeleteUserRequest(writes[1].UserId), default);

        var skipped = await RevertAsync(writes);

        Assert.Equal([new ImportRevertSkip(0, ImportRevertSkipReason.DeletedSince), new ImportRevertSkip(1, ImportRevertSkipReason.DeletedSince)], skipped);
        Assert.Equal(0, await Stores.Users.CountAsync(new CountUsersRequest(), default));
    }

    [Fact]
    public async Task Refused_rows_are_skipped_and_a_second_revert_finds_nothing_left_to_do()
    {
        await CreateAsync("max", "superadmin");
        var writes = await ImportAsync(true, Row("max", "evil@example.com"), Row("nia", "nia@example.com"));
        Assert.Equal(ImportWriteOutcome.Refused, writes[0].Outcome);

        Assert.Empty(await RevertAsync(writes));
        Assert.Equal([new ImportRevertSkip(1, ImportRevertSkipReason.DeletedSince)], await RevertAsync(writes));
        Assert.Equal("max@example.com", (await FindAsync("max"))!.Email);
    }
}
