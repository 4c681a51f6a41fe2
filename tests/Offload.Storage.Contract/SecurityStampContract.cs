using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Storage.Contract;

/// <summary>
/// What every driver must do so that sessions and tokens die with the password, role or active flag they were
/// issued under, a Superadmin can revoke a user's tokens, and a signed-out session stays signed out.
/// </summary>
public abstract class SecurityStampContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private static User NewUser(string username, string role = Roles.User, bool active = true) => new()
    {
        Id = 0, Username = username, Email = $"{username}@example.com", Role = role, Active = active, PasswordHash = "hash-" + username,
    };

    private async Task<long> CreateAsync(string username, string role = Roles.User, bool active = true) =>
        (await Stores.Users.CreateAsync(new CreateUserRequest(NewUser(username, role, active), T0), default))!.Value;

    private async Task<string> StampAsync(long id) => (await Stores.Users.GetAsync(new GetUserRequest(id), default))!.SecurityStamp;

    private async Task<string> StampAsync(string username) => (await Stores.Users.FindByUsernameAsync(new FindUserRequest(username), default))!.SecurityStamp;

    private async Task<User?> TokenOwnerAsync(string hash) => await Stores.Tokens.FindUserAsync(new FindTokenRequest(hash, T0), default);

    [Fact]
    public async Task Every_account_gets_a_stamp_of_its_own_whether_created_one_by_one_or_imported()
    {
        var ann = await CreateAsync("ann");
        var bob = await CreateAsync("bob");
        await InChunkAsync(tx => Stores.Users.ImportAsync(new ImportUsersRequest(
            [new ImportedUser("cat", "cat@example.com", null, null, null, null, null, null),
             new ImportedUser("dan", "dan@example.com", null, null, null, null, null, null)], false, T0), tx, default));

        string[] stamps = [await StampAsync(ann), await StampAsync(bob), await StampAsync("cat"), await StampAsync("dan")];
        Assert.All(stamps, s => Assert.True(s.Length >= 16, $"stamp '{s}' is too short to be random"));
        Assert.Equal(4, stamps.Distinct().Count());
    }

    [Fact]
    public async Task The_stamp_changes_with_the_password_the_role_and_the_active_flag_and_nothing_else()
    {
        await CreateAsync("keeper", Roles.Superadmin); // so that ann, demoted below, is not the last Superadmin
        var id = await CreateAsync("ann", Roles.Superadmin);
        var user = (await Stores.Users.GetAsync(new GetUserRequest(id), default))!;
        async Task<string> AfterAsync(User changed)
        {
            Assert.Equal(UserWriteResult.Written, await Stores.Users.UpdateAsync(new UpdateUserRequest(changed), default));
            return await StampAsync(id);
        }

        var s0 = user.SecurityStamp;
        var s1 = await AfterAsync(user with { Email = "new@example.com", FirstName = "Ann", PasswordHash = null });
        Assert.Equal(s0, s1);
        var s2 = await AfterAsync(user with { Email = "new@example.com", PasswordHash = "another-hash" });
        Assert.NotEqual(s1, s2);
        var s3 = await AfterAsync(user with { Email = "new@example.com", Role = Roles.User, PasswordHash = null });
        Assert.NotEqual(s2, s3);
        var s4 = await AfterAsync(user with { Email = "new@example.com", Role = Roles.User, Active = false, PasswordHash = null });
        Assert.NotEqual(s3, s4);
    }

    [Fact]
    public async Task Activating_or_deactivating_in_a_chunk_changes_the_stamp_of_those_whose_flag_changed_only()
    {
        var on = await CreateAsync("on");
        var off = await CreateAsync("off", active: false);
        var (on0, off0) = (await StampAsync(on), await StampAsync(off));

        await InChunkAsync(async tx => { await Stores.Users.SetActiveAsync(new SetActiveRequest([on, off], false), tx, default); return 0; });

        Assert.NotEqual(on0, await StampAsync(on));
        Assert.Equal(off0, await StampAsync(off));
    }

    [Fact]
    public async Task An_import_that_sets_a_password_or_the_active_flag_changes_the_stamp_and_one_that_changes_the_email_does_not()
    {
        foreach (var name in new[] { "pw", "act", "mail" }) await CreateAsync(name);
        var before = new Dictionary<string, string> { ["pw"] = await StampAsync("pw"), ["act"] = await StampAsync("act"), ["mail"] = await StampAsync("mail") };

        await InChunkAsync(tx => Stores.Users.ImportAsync(new ImportUsersRequest(
            [new ImportedUser("pw", "pw@example.com", null, null, null, null, "new-hash", null),
             new ImportedUser("act", "act@example.com", null, null, null, false, null, null),
             new ImportedUser("mail", "other@example.com", null, null, null, true, null, null)], true, T0), tx, default));

        Assert.NotEqual(before["pw"], await StampAsync("pw"));
        Assert.NotEqual(before["act"], await StampAsync("act"));
        Assert.Equal(before["mail"], await StampAsync("mail"));
    }

    [Fact]
    public async Task A_token_stops_working_when_its_owners_stamp_changes_and_a_new_one_works()
    {
        var id = await CreateAsync("ann");
        await Stores.Tokens.CreateAsync(new CreateTokenRequest("old", id, T0, T0.AddDays(1)), default);
        Assert.Equal(id, (await TokenOwnerAsync("old"))!.Id);

        var user = (await Stores.Users.GetAsync(new GetUserRequest(id), default))!;
        await Stores.Users.UpdateAsync(new UpdateUserRequest(user with { PasswordHash = "reset-by-an-admin" }), default);
        Assert.Null(await TokenOwnerAsync("old"));

        await Stores.Tokens.CreateAsync(new CreateTokenRequest("new", id, T0, T0.AddDays(1)), default);
        Assert.Equal(id, (await TokenOwnerAsync("new"))!.Id);
        // Issued under a stamp the account no longer has (its password checked before the reset): dead from the start.
        await Stores.Tokens.CreateAsync(new CreateTokenRequest("late", id, T0, T0.AddDays(1), user.SecurityStamp), default);
        Assert.Null(await TokenOwnerAsync("late"));
    }

    [Fact]
    public async Task Revoking_all_tokens_of_a_user_leaves_other_users_tokens_alone()
    {
        var ann = await CreateAsync("ann");
        var bob = await CreateAsync("bob");
        foreach (var (hash, owner) in new[] { ("a1", ann), ("a2", ann), ("b1", bob) })
            await Stores.Tokens.CreateAsync(new CreateTokenRequest(hash, owner, T0, T0.AddDays(1)), default);

        Assert.Equal(2, await Stores.Tokens.RevokeAllAsync(new RevokeUserTokensRequest(ann, T0), default));

        Assert.Null(await TokenOwnerAsync("a1"));
        Assert.Null(await TokenOwnerAsync("a2"));
        Assert.Equal(bob, (await TokenOwnerAsync("b1"))!.Id);
        Assert.Equal(0, await Stores.Tokens.RevokeAllAsync(new RevokeUserTokensRequest(ann, T0), default));
    }

    [Fact]
    public async Task An_ended_session_stays_ended_until_no_copy_of_it_can_be_valid_and_others_are_untouched()
    {
        await Stores.Sessions.EndAsync(new EndSessionRequest("s1", T0, T0.AddHours(8)), default);
        await Stores.Sessions.EndAsync(new EndSessionRequest("s1", T0, T0.AddHours(8)), default);

        Assert.True(await Stores.Sessions.IsEndedAsync(new IsSessionEndedRequest("s1"), default));
        Assert.False(await Stores.Sessions.IsEndedAsync(new IsSessionEndedRequest("s2"), default));

        // A sign-out after s1's copies have all expired drops s1: the table keeps only what can still matter.
        await Stores.Sessions.EndAsync(new EndSessionRequest("s2", T0.AddHours(9), T0.AddHours(17)), default);
        Assert.False(await Stores.Sessions.IsEndedAsync(new IsSessionEndedRequest("s1"), default));
        Assert.True(await Stores.Sessions.IsEndedAsync(new IsSessionEndedRequest("s2"), default));
    }
}
