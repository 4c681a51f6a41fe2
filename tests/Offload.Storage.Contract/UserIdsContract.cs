using Offload.Platform.Users;

namespace Offload.Storage.Contract;

/// <summary>
/// A user id names one account for ever: jobs, notifications and results keep their owner's id after the
/// owner is deleted, so an id given twice would hand a deleted account's jobs and exports to a stranger.
/// </summary>
public abstract class UserIdsContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private async Task<long> CreateAsync(string username) =>
        (await Stores.Users.CreateAsync(new CreateUserRequest(new User
        {
            Id = 0, Username = username, Email = $"{username}@example.com", FirstName = "", LastName = "",
            Language = "en", Active = true, Role = "poweruser", BranchIds = [],
        }, T0), default))!.Value;

    [Fact]
    public async Task The_id_of_a_deleted_user_is_never_given_to_the_next_one()
    {
        await CreateAsync("first");
        var newest = await CreateAsync("paris-manager");
        Assert.Equal(UserWriteResult.Written, await Stores.Users.DeleteAsync(new DeleteUserRequest(newest), default));

        var next = await CreateAsync("lyon-manager");

        Assert.True(next > newest, $"the new user got id {next}, the deleted one had {newest}");
    }

    [Fact]
    public async Task Users_an_import_creates_never_get_a_deleted_users_id()
    {
        var deleted = await CreateAsync("gone");
        Assert.Equal(UserWriteResult.Written, await Stores.Users.DeleteAsync(new DeleteUserRequest(deleted), default));

        await InChunkAsync(tx => Stores.Users.ImportAsync(new ImportUsersRequest(
            [new ImportedUser("imported", "imported@example.com", "", "", "en", true, null, null)], false, T0), tx, default));

        var imported = await Stores.Users.FindByUsernameAsync(new FindUserRequest("imported"), default);
        Assert.True(imported!.Id > deleted, $"the imported user got id {imported.Id}, the deleted one had {deleted}");
    }
}
