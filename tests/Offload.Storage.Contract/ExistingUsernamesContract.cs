using Offload.Platform.Branches;
using Offload.Platform.Users;
using Offload.Platform.Users.Import;

namespace Offload.Storage.Contract;

/// <summary>
/// What every driver's username lookup for import previews must do: match as the unique index does
/// (case-insensitive), answer under the name as asked, and say the role and whether the account is in scope.
/// </summary>
public abstract class ExistingUsernamesContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private async Task<long> CreateAsync(string username, string role, params long[] branchIds) =>
        (await Stores.Users.CreateAsync(new CreateUserRequest(new User
        {
            Id = 0, Username = username, Email = username + "@example.com", Role = role, BranchIds = branchIds,
        }, T0), default))!.Value;

    [Fact]
    public async Task Existing_usernames_are_found_whatever_the_case_with_their_role_and_scope()
    {
        var north = (await Stores.Branches.CreateAsync(new CreateBranchRequest("North", null), default))!.Id;
        var south = (await Stores.Branches.CreateAsync(new CreateBranchRequest("South", null), default))!.Id;
        await CreateAsync("ann", "user", north);
        await CreateAsync("Ben", "poweruser", south);
        await CreateAsync("cat", "user");

        var asked = new[] { "ANN", "ben", "cat", "dan", "annie" };
        var all = await Stores.ExistingUsernames.FindAsync(new ExistingUsernamesRequest(asked, null), default);
        Assert.Equal(["ANN user True", "ben poweruser True", "cat user True"], Describe(all));

        var scoped = await Stores.ExistingUsernames.FindAsync(new ExistingUsernamesRequest(asked, [north]), default);
        Assert.Equal(["ANN user True", "ben poweruser False", "cat user False"], Describe(scoped));

        Assert.Empty(await Stores.ExistingUsernames.FindAsync(new ExistingUsernamesRequest([], [north]), default));
    }

    [Fact]
    public async Task A_batch_of_twenty_thousand_names_is_answered()
    {
        for (var i = 0; i < 50; i++) await CreateAsync($"user{i:D5}", "user");
        var asked = Enumerable.Range(0, 20_000).Select(i => $"USER{i:D5}").ToList();
        var found = await Stores.ExistingUsernames.FindAsync(new ExistingUsernamesRequest(asked, null), default);
        Assert.Equal(asked.Take(50), found.Select(a => a.Username).Order());
    }

    private static IEnumerable<string> Describe(IReadOnlyList<ExistingAccount> found) =>
        found.Select(a => $"{a.Username} {a.Role} {a.InScope}").Order(StringComparer.Ordinal);
}
