using Offload.Jobs;

namespace Offload.Platform.Users;

/// <summary>The platform's users as the handlers and the host need them; each driver writes its own SQL.</summary>
public interface IUserStore
{
    Task<User?> FindByUsernameAsync(FindUserRequest request, CancellationToken ct);

    Task<User?> GetAsync(GetUserRequest request, CancellationToken ct);

    Task<long> CreateAsync(CreateUserRequest request, CancellationToken ct);

    Task<long> CountAsync(CountUsersRequest request, CancellationToken ct);

    /// <summary>Branch ids by name (case-insensitive), read inside the chunk's transaction.</summary>
    Task<IReadOnlyDictionary<string, long>> BranchIdsByNameAsync(ChunkTransaction tx, CancellationToken ct);

    /// <summary>
    /// Inserts (or, when asked, updates) a chunk of imported users in the chunk's transaction, set-based.
    /// Returns, per row in order, whether it was written; false means the username already existed
    /// and updating was not allowed.
    /// </summary>
    Task<IReadOnlyList<bool>> ImportAsync(ImportUsersRequest request, ChunkTransaction tx, CancellationToken ct);
}

public sealed record FindUserRequest(string Username);

public sealed record GetUserRequest(long Id);

public sealed record CountUsersRequest;

public sealed record CreateUserRequest(User User, IReadOnlyList<long> BranchIds, DateTimeOffset Now);

public sealed record ImportUsersRequest(IReadOnlyList<ImportedUser> Rows, bool UpdateExisting, DateTimeOffset Now);

/// <summary>One valid CSV row, ready to write. Null fields were absent from the file and stay untouched on update.</summary>
public sealed record ImportedUser(
    string Username, string Email, string? FirstName, string? LastName, string? Language,
    bool? Active, string? PasswordHash, long? BranchId);
