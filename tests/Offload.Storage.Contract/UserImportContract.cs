using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Branches;
using Offload.Platform.Users;

namespace Offload.Storage.Contract;

/// <summary>What every driver's bulk user import must do: say per row what was written, update only when asked, never an administrator.</summary>
public abstract class UserImportContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private Task<IReadOnlyList<bool>> ImportAsync(bool updateExisting, params ImportedUser[] rows) =>
        InChunkAsync(tx => Stores.Users.ImportAsync(new ImportUsersRequest(rows, updateExisting, T0), tx, default));

    private static ImportedUser Row(string username, string email, string? firstName = null) =>
        new(username, email, firstName, null, null, null, null, null);

    private async Task<User> FindAsync(string username) =>
        (await Stores.Users.FindByUsernameAsync(new FindUserRequest(username), default))!;

    [Fact]
    public async Task Each_row_says_whether_it_was_written_and_existing_users_are_left_alone()
    {
        Assert.Equal([true, true], await ImportAsync(false, Row("ann", "ann@example.com", "Ann"), Row("ben", "ben@example.com")));
        Assert.Equal([false, true, false, true],
            await ImportAsync(false, Row("ANN", "other@example.com"), Row("cat", "cat@example.com"), Row("ben", "ben2@example.com"), Row("dan", "dan@example.com")));
        Assert.Equal("ann@example.com", (await FindAsync("ann")).Email);
        Assert.Equal("cat@example.com", (await FindAsync("cat")).Email);
        Assert.Equal(4, await Stores.Users.CountAsync(new CountUsersRequest(), default));
    }

    [Fact]
    public async Task Updating_keeps_absent_columns_and_never_touches_an_administrator()
    {
        await Stores.Users.CreateAsync(new CreateUserRequest(new User { Id = 0, Username = "boss", Email = "boss@example.com", Role = "superadmin" }, T0), default);
        await ImportAsync(false, Row("eve", "eve@example.com", "Eve"));

        Assert.Equal([true, false, true],
            await ImportAsync(true, Row("EVE", "eve2@example.com"), Row("boss", "evil@example.com"), Row("fay", "fay@example.com")));
        var eve = await FindAsync("eve");
        Assert.Equal(("eve2@example.com", "Eve"), (eve.Email, eve.FirstName));
        Assert.Equal("boss@example.com", (await FindAsync("boss")).Email);
        Assert.NotNull(await FindAsync("fay"));
    }

    [Fact]
    public async Task A_name_twice_in_one_chunk_is_written_once_for_its_first_row()
    {
        Assert.Equal([true, true, false], await ImportAsync(false, Row("gus", "gus@example.com"), Row("hal", "hal@example.com"), Row("GUS", "gus2@example.com")));
        Assert.Equal("gus@example.com", (await FindAsync("gus")).Email);
        Assert.Equal(2, await Stores.Users.CountAsync(new CountUsersRequest(), default));
    }

    [Fact]
    public async Task New_users_get_the_defaults_their_password_and_their_branch()
    {
        var branch = (await Stores.Branches.CreateAsync(new CreateBranchRequest("Lyon", null), default))!;
        Assert.Equal([true, true], await ImportAsync(false,
            new ImportedUser("ivy", "ivy@example.com", null, null, null, null, "hash-of-ivy", branch.Id),
            new ImportedUser("jon", "jon@example.com", "Jon", "Doe", "fr", false, null, null)));

        var ivy = await FindAsync("ivy");
        Assert.Equal(("", "", "en", true, "user", "hash-of-ivy"), (ivy.FirstName, ivy.LastName, ivy.Language, ivy.Active, ivy.Role, ivy.PasswordHash));
        Assert.Equal([branch.Id], ivy.BranchIds);
        var jon = await FindAsync("jon");
        Assert.Equal(("Jon", "Doe", "fr", false, null), (jon.FirstName, jon.LastName, jon.Language, jon.Active, jon.PasswordHash));
        Assert.Empty(jon.BranchIds);
    }

    [Fact]
    public async Task A_clash_on_the_last_row_keeps_the_rows_before_it_written_once_with_their_branch()
    {
        var branch = (await Stores.Branches.CreateAsync(new CreateBranchRequest("Nantes", null), default))!;
        await ImportAsync(false, Row("kim", "kim@example.com"));

        Assert.Equal([true, true, false], await ImportAsync(false,
            new ImportedUser("lea", "lea@example.com", null, null, null, null, null, branch.Id),
            Row("max", "max@example.com"),
            Row("KIM", "kim2@example.com")));
        Assert.Equal(3, await Stores.Users.CountAsync(new CountUsersRequest(), default));
        Assert.Equal([branch.Id], (await FindAsync("lea")).BranchIds);
        Assert.Equal("kim@example.com", (await FindAsync("kim")).Email);
    }
}
