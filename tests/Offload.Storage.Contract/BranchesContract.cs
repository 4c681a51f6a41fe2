using Offload.Platform.Branches;

namespace Offload.Storage.Contract;

/// <summary>What every driver must do with branches: create one per name (whatever its case), keep its parent, list them by name.</summary>
public abstract class BranchesContract : StoreContract
{
    private Task<Branch?> CreateAsync(string name, long? parent = null) => Stores.Branches.CreateAsync(new CreateBranchRequest(name, parent), default);

    [Fact]
    public async Task A_created_branch_is_listed_by_name_with_its_parent()
    {
        var north = await CreateAsync("North");
        var lille = await CreateAsync("Lille", north!.Id);

        Assert.Equal([lille!, north], await Stores.Branches.ListAsync(new ListBranchesRequest(), default));
        Assert.Equal(("Lille", north.Id), (lille!.Name, lille.ParentId));
        Assert.Null(north.ParentId);
    }

    [Fact]
    public async Task A_name_already_taken_whatever_its_case_creates_nothing()
    {
        var lyon = await CreateAsync("Lyon");

        Assert.Null(await CreateAsync("LYON"));

        Assert.Equal([lyon!], await Stores.Branches.ListAsync(new ListBranchesRequest(), default));
    }

    [Fact]
    public async Task Listing_by_ids_gives_only_those_branches()
    {
        var brest = await CreateAsync("Brest");
        await CreateAsync("Lyon");
        var nice = await CreateAsync("Nice");

        Assert.Equal([brest!, nice!], await Stores.Branches.ListAsync(new ListBranchesRequest([nice!.Id, brest!.Id, 999_999]), default));
        Assert.Empty(await Stores.Branches.ListAsync(new ListBranchesRequest([]), default));
    }
}
