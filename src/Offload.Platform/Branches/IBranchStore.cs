namespace Offload.Platform.Branches;

/// <summary>A branch of the organisation; Power Users are assigned to some.</summary>
public sealed record Branch(long Id, string Name, long? ParentId);

public interface IBranchStore
{
    /// <param name="request">Only these branches when <see cref="ListBranchesRequest.Ids"/> is set (a Power User's scope).</param>
    Task<IReadOnlyList<Branch>> ListAsync(ListBranchesRequest request, CancellationToken ct);

    /// <summary>The new branch, or null when the name is taken.</summary>
    Task<Branch?> CreateAsync(CreateBranchRequest request, CancellationToken ct);
}

public sealed record ListBranchesRequest(IReadOnlyList<long>? Ids = null);

public sealed record CreateBranchRequest(string Name, long? ParentId);
