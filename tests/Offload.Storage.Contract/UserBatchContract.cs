using System.Text.Json;
using Microsoft.Extensions.Options;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform;
using Offload.Platform.Branches;
using Offload.Platform.Identity;
using Offload.Platform.Selection;
using Offload.Platform.Users;
using Offload.Platform.Users.Export;

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

    [Fact]
    public async Task An_export_worker_that_lost_its_lease_cannot_change_the_result_the_new_worker_commits()
    {
        var ids = new List<long>();
        for (var i = 0; i < 8; i++) ids.Add(await CreateAsync($"exp{i}"));
        var files = new JobFiles(Options.Create(new JobsOptions { DataPath = Path.Combine(Path.GetTempPath(), "offload-export-" + Guid.NewGuid().ToString("N")) }));
        var handler = new UsersExportHandler(Stores.Users, Stores.Branches, files);
        var id = Guid.CreateVersion7(T0);
        await SelectionFile.WriteAsync(files.PathOf(id, SelectionFile.FileName), ids, default);
        var input = JsonSerializer.Serialize(new UsersExportJobInput(new Actor(1, "boss", Roles.Superadmin, []), ["username"]), JsonDefaults.Options);
        await Stores.Jobs.EnqueueAsync(new EnqueueRequest(id, UsersExportHandler.KindName, "Export", 1, "boss", 8, input, T0, T0.AddDays(14)), default);
        var lease = TimeSpan.FromSeconds(30);

        async Task<(ChunkCommit, Checkpoint)> ChunkAsync(JobContext run, string worker, Checkpoint from)
        {
            await using var tx = await Stores.Jobs.BeginChunkAsync(new BeginChunkRequest(id, worker, T0, from), default);
            var next = await handler.ProcessChunkAsync(run, from, tx, default);
            return (await tx.CommitAsync(next, default), next);
        }

        // Worker A exports users 1-2, then stalls; its lease runs out and B takes over and exports 3-6.
        await using var a = new JobContext(Assert.Single(await Stores.Jobs.ClaimAsync(new ClaimRequest("a", T0, lease), default)), 2, TimeSpan.FromMinutes(1));
        var (first, atA) = await ChunkAsync(a, "a", Checkpoint.Start);
        Assert.Equal(ChunkCommit.Committed, first);
        var claimedB = Assert.Single(await Stores.Jobs.ClaimAsync(new ClaimRequest("b", T0 + lease + TimeSpan.FromSeconds(1), lease), default));
        await using var b = new JobContext(claimedB, 2, TimeSpan.FromMinutes(1));
        var atB = claimedB.Checkpoint;
        for (var i = 0; i < 2; i++)
        {
            var (result, next) = await ChunkAsync(b, "b", atB);
            Assert.Equal(ChunkCommit.Committed, result);
            atB = next;
        }
        // A wakes up and writes its next chunk (users 3-4) before its commit finds the lease gone.
        Assert.Equal(ChunkCommit.LeaseLost, (await ChunkAsync(a, "a", atA)).Item1);
        // B finishes: users 7-8.
        Assert.Equal(ChunkCommit.Committed, (await ChunkAsync(b, "b", atB)).Item1);

        var job = (await Stores.Monitor.GetAsync(new GetJobRequest(id), default))!;
        var text = await File.ReadAllTextAsync(files.ResultFile(job)!);
        Assert.Equal(["username", .. Enumerable.Range(0, 8).Select(i => $"exp{i}")], text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        Directory.Delete(Path.GetDirectoryName(files.FolderOf(id))!, recursive: true);
    }
}
