using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Storage.Contract;

/// <summary>
/// The platform always keeps a Superadmin, even when two of them remove each other at the same moment: the
/// check and the write are one atomic step in every driver (PostgreSQL runs them under READ COMMITTED).
/// </summary>
public abstract class SuperadminGuardContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private const int Rounds = 10;

    private async Task<User> SuperadminAsync(string username)
    {
        var id = (await Stores.Users.CreateAsync(new CreateUserRequest(new User
        {
            Id = 0, Username = username, Email = $"{username}@example.com", Language = "en", Active = true, Role = Roles.Superadmin,
            BranchIds = [],
        }, T0), default))!.Value;
        return (await Stores.Users.GetAsync(new GetUserRequest(id), default))!;
    }

    private Task<UserWriteResult> DemoteAsync(User user) =>
        Stores.Users.UpdateAsync(new UpdateUserRequest(user with { Role = Roles.PowerUser }), default);

    private Task<UserWriteResult> DeleteAsync(User user) => Stores.Users.DeleteAsync(new DeleteUserRequest(user.Id), default);

    private Task<long> SuperadminsAsync() => Stores.Users.CountAsync(new CountUsersRequest(Roles.Superadmin), default);

    [Fact]
    public async Task The_last_Superadmin_can_be_neither_deleted_nor_demoted_but_another_one_can()
    {
        var a = await SuperadminAsync("only-a");
        Assert.Equal(UserWriteResult.LastSuperadmin, await DeleteAsync(a));
        Assert.Equal(UserWriteResult.LastSuperadmin, await DemoteAsync(a));
        var b = await SuperadminAsync("only-b");
        Assert.Equal(UserWriteResult.Written, await DemoteAsync(b));
        Assert.Equal(UserWriteResult.LastSuperadmin, await DeleteAsync(a));
        Assert.Equal(UserWriteResult.Written, await DeleteAsync(b)); // a Power User now
        Assert.Equal(UserWriteResult.NotFound, await DeleteAsync(b));
        Assert.Equal(1, await SuperadminsAsync());
    }

    [Theory]
    [InlineData("delete", "delete")]
    [InlineData("demote", "demote")]
    [InlineData("delete", "demote")]
    public async Task Two_Superadmins_removing_each_other_at_once_leave_exactly_one(string first, string second)
    {
        User? survivor = null;
        for (var round = 0; round < Rounds; round++)
        {
            var a = await SuperadminAsync($"race-a{round}");
            var b = await SuperadminAsync($"race-b{round}");
            // The last round's survivor goes, so a and b are the only two Superadmins.
            if (survivor is not null) Assert.Equal(UserWriteResult.Written, await DeleteAsync(survivor));
            var results = await Task.WhenAll(
                Task.Run(() => first == "delete" ? DeleteAsync(a) : DemoteAsync(a)),
                Task.Run(() => second == "delete" ? DeleteAsync(b) : DemoteAsync(b)));
            Assert.Equal([UserWriteResult.Written, UserWriteResult.LastSuperadmin], results.Order());
            Assert.Equal(1, await SuperadminsAsync());
            survivor = results[0] == UserWriteResult.Written ? b : a;
        }
    }
}
