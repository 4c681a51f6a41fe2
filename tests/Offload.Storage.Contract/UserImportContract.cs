using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Branches;
using Offload.Platform.Users;

namespace Offload.Storage.Contract;

/// <summary>What every driver's bulk user import must do: say per row what it did (created, updated with the values before, refused), update only when asked, never an administrator.</summary>
public abstract class UserImportContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private const ImportWriteOutcome Created = ImportWriteOutcome.Created, Updated = ImportWriteOutcome.Updated, Refused = ImportWriteOutcome.Refused;

    private async Task<IReadOnlyList<ImportWriteOutcome>> ImportAsync(bool updateExisting, params ImportedUser[] rows) =>
        [.. (await WriteAsync(updateExisting, null, rows)).Select(w => w.Outcome)];

    private Task<IReadOnlyList<ImportWrite>> WriteAsync(bool updateExisting, IReadOnlyList<long>? scope, params ImportedUser[] rows) =>
        InChunkAsync(tx => Stores.Users.ImportAsync(new ImportUsersRequest(rows, updateExisting, T0, scope), tx, default));

    private static ImportedUser Row(string username, string email, string? firstName = null) =>
        new(username, email, firstName, null, null, null, null, null);

    private async Task<User> FindAsync(string username) =>
        (await Stores.Users.FindByUsernameAsync(new FindUserRequest(username), default))!;

    [Fact]
    public async Task Each_row_says_whether_it_was_written_and_existing_users_are_left_alone()
    {
        Assert.Equal([Created, Created], await ImportAsync(false, Row("ann", "ann@example.com", "Ann"), Row("ben", "ben@example.com")));
        Assert.Equal([Refused, Created, Refused, Created],
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

        Assert.Equal([Updated, Refused, Created],
            await ImportAsync(true, Row("EVE", "eve2@example.com"), Row("boss", "evil@example.com"), Row("fay", "fay@example.com")));
        var eve = await FindAsync("eve");
        Assert.Equal(("eve2@example.com", "Eve"), (eve.Email, eve.FirstName));
        Assert.Equal("boss@example.com", (await FindAsync("boss")).Email);
        Assert.NotNull(await FindAsync("fay"));
    }

    [Fact]
    public async Task A_name_twice_in_one_chunk_is_written_once_for_its_first_row()
    {
        Assert.Equal([Created, Created, Refused], await ImportAsync(false, Row("gus", "gus@example.com"), Row("hal", "hal@example.com"), Row("GUS", "gus2@example.com")));
        Assert.Equal("gus@example.com", (await FindAsync("gus")).Email);
        Assert.Equal(2, await Stores.Users.CountAsync(new CountUsersRequest(), default));
    }

    [Fact]
    public async Task New_users_get_the_defaults_their_password_and_their_branch()
    {
        var branch = (await Stores.Branches.CreateAsync(new CreateBranchRequest("Lyon", null), default))!;
        Assert.Equal([Created, Created], await ImportAsync(false,
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

        Assert.Equal([Created, Created, Refused], await ImportAsync(false,
            new ImportedUser("lea", "lea@example.com", null, null, null, null, null, branch.Id),
            Row("max", "max@example.com"),
            Row("KIM", "kim2@example.com")));
        Assert.Equal(3, await Stores.Users.CountAsync(new CountUsersRequest(), default));
        Assert.Equal([branch.Id], (await FindAsync("lea")).BranchIds);
        Assert.Equal("kim@example.com", (await FindAsync("kim")).Email);
    }

    [Fact]
    public async Task Created_rows_report_their_new_ids_in_the_bulk_path_and_the_upsert_path()
    {
        var branch = (await Stores.Branches.CreateAsync(new CreateBranchRequest("Brest", null), default))!;
        var bulk = await WriteAsync(false, null, Row("nia", "nia@example.com"), new ImportedUser("oli", "oli@example.com", null, null, null, null, null, branch.Id));
        // An existing name in the chunk: PostgreSQL leaves its COPY for the upsert, SQLite has one path.
        var mixed = await WriteAsync(false, null, Row("pam", "pam@example.com"), Row("NIA", "x@example.com"));

        Assert.Equal(((await FindAsync("nia")).Id, (await FindAsync("oli")).Id, (await FindAsync("pam")).Id, 0L),
            (bulk[0].UserId, bulk[1].UserId, mixed[0].UserId, mixed[1].UserId));
        Assert.Equal((ImportWriteOutcome.Created, ImportWriteOutcome.Created, ImportWriteOutcome.Refused), (bulk[1].Outcome, mixed[0].Outcome, mixed[1].Outcome));
        Assert.Equal((branch.Id, true, (long?)null, null), (bulk[1].BranchId, bulk[1].BranchAdded, bulk[0].BranchId, bulk[0].Before));
    }

    [Fact]
    public async Task An_update_reports_every_value_the_user_had_before_and_whether_its_branch_is_new()
    {
        var lyon = (await Stores.Branches.CreateAsync(new CreateBranchRequest("Lyon", null), default))!;
        var nice = (await Stores.Branches.CreateAsync(new CreateBranchRequest("Nice", null), default))!;
        await WriteAsync(false, null, new ImportedUser("Quinn", "q@example.com", "Quinn", "Old", "fr", false, "old-hash", lyon.Id),
            new ImportedUser("rey", "rey@example.com", null, null, null, null, null, lyon.Id));

        var writes = await WriteAsync(true, null,
            new ImportedUser("QUINN", "q2@example.com", "Q", null, null, true, "new-hash", nice.Id),
            new ImportedUser("rey", "rey2@example.com", null, null, null, null, null, lyon.Id),
            Row("sam", "sam@example.com"));

        Assert.Equal([Updated, Updated, Created], writes.Select(w => w.Outcome));
        Assert.Equal(((await FindAsync("quinn")).Id, (await FindAsync("rey")).Id), (writes[0].UserId, writes[1].UserId));
        Assert.Equal(new ImportableValues("Quinn", "q@example.com", "Quinn", "Old", "fr", false, "old-hash"), writes[0].Before);
        Assert.Equal(new ImportableValues("rey", "rey@example.com", "", "", "en", true, null), writes[1].Before);
        Assert.Equal((nice.Id, true, lyon.Id, false), (writes[0].BranchId, writes[0].BranchAdded, writes[1].BranchId, writes[1].BranchAdded));
        var quinn = await FindAsync("quinn");
        Assert.Equal(("q2@example.com", "Q", "Old", true, "new-hash"), (quinn.Email, quinn.FirstName, quinn.LastName, quinn.Active, quinn.PasswordHash));
        Assert.Equal([lyon.Id, nice.Id], quinn.BranchIds.Order());
    }

    [Fact]
    public async Task A_user_outside_the_importers_branches_is_refused_not_updated()
    {
        var mine = (await Stores.Branches.CreateAsync(new CreateBranchRequest("Mine", null), default))!;
        var other = (await Stores.Branches.CreateAsync(new CreateBranchRequest("Other", null), default))!;
        await WriteAsync(false, null, new ImportedUser("tia", "tia@example.com", null, null, null, null, null, other.Id),
            new ImportedUser("uma", "uma@example.com", null, null, null, null, null, mine.Id));

        var writes = await WriteAsync(true, [mine.Id], Row("tia", "tia2@example.com"), Row("uma", "uma2@example.com"));

        Assert.Equal([Refused, Updated], writes.Select(w => w.Outcome));
        Assert.Equal(("tia@example.com", "uma2@example.com"), ((await FindAsync("tia")).Email, (await FindAsync("uma")).Email));
    }
}
