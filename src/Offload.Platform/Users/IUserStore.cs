using Offload.Jobs;

namespace Offload.Platform.Users;

/// <summary>The platform's users as the handlers and the host need them; each driver writes its own SQL.</summary>
public interface IUserStore
{
    Task<User?> FindByUsernameAsync(FindUserRequest request, CancellationToken ct);

    Task<User?> GetAsync(GetUserRequest request, CancellationToken ct);

    /// <summary>The new user's id, or null when the username is taken.</summary>
    Task<long?> CreateAsync(CreateUserRequest request, CancellationToken ct);

    /// <summary>
    /// Writes a user; <see cref="UserWriteResult.LastSuperadmin"/> (nothing written) when it would demote the last
    /// Superadmin. The check and the write are one atomic step: two Superadmins demoting each other at once leave one.
    /// </summary>
    Task<UserWriteResult> UpdateAsync(UpdateUserRequest request, CancellationToken ct);

    /// <summary>Deletes a user, never the last Superadmin (<see cref="UserWriteResult.LastSuperadmin"/>), atomically as <see cref="UpdateAsync"/>.</summary>
    Task<UserWriteResult> DeleteAsync(DeleteUserRequest request, CancellationToken ct);

    Task<long> CountAsync(CountUsersRequest request, CancellationToken ct);

    /// <summary>
    /// The same count, inside a chunk's transaction (e.g. Superadmins left before a delete); with a role, the rows
    /// counted stay locked until the chunk ends, so the count holds against a Superadmin removed meanwhile.
    /// </summary>
    Task<long> CountInChunkAsync(CountUsersRequest request, ChunkTransaction tx, CancellationToken ct);

    /// <summary>Users matching a filter within a scope, by ascending id after a keyset cursor.</summary>
    Task<IReadOnlyList<User>> ListAsync(ListUsersRequest request, CancellationToken ct);

    /// <summary>Every matching id, ascending: how a filter is frozen into a job's selection.</summary>
    Task<IReadOnlyList<long>> SelectIdsAsync(SelectUsersRequest request, CancellationToken ct);

    /// <summary>Branch ids by name (case-insensitive), read inside the chunk's transaction.</summary>
    Task<IReadOnlyDictionary<string, long>> BranchIdsByNameAsync(ChunkTransaction tx, CancellationToken ct);

    /// <summary>
    /// Inserts (or, when asked, updates) a chunk of imported users in the chunk's transaction.
    /// Returns, per row in order, what was written (<see cref="ImportWrite"/>: created, updated with the values it had
    /// before, or refused because the username already existed and updating was not allowed, or the existing account
    /// is not a plain user in scope): what an undo of the import needs.
    /// </summary>
    Task<IReadOnlyList<ImportWrite>> ImportAsync(ImportUsersRequest request, ChunkTransaction tx, CancellationToken ct);

    /// <summary>
    /// Undoes what an import wrote, in the chunk's transaction, latest item first: deletes a user it created, restores an
    /// updated user's earlier values and removes a branch membership it added, each only while the user is still as the
    /// import left it (<see cref="ImportWrite.After"/>). Returns the items left alone, and why; refused items are skipped.
    /// </summary>
    Task<IReadOnlyList<ImportRevertSkip>> RevertImportAsync(RevertImportRequest request, ChunkTransaction tx, CancellationToken ct);

    /// <summary>
    /// The users of a chunk that still exist, as much of each as a mass action checks (name, role, whether
    /// in scope), read in its transaction. Deliberately not the whole profile: a mass action reads every
    /// selected user, and each column read costs on a million rows.
    /// </summary>
    Task<IReadOnlyDictionary<long, UserRef>> ResolveAsync(ResolveUsersRequest request, ChunkTransaction tx, CancellationToken ct);

    /// <summary>Whole profiles, with branches, of users of a chunk, read in its transaction (what an export writes).</summary>
    Task<IReadOnlyDictionary<long, User>> ReadManyAsync(ReadUsersRequest request, ChunkTransaction tx, CancellationToken ct);

    /// <summary>
    /// Sets the users' active flag; returns the ids whose flag it changed (already so is no change). An undo sets
    /// the opposite: it then changes only the users still as the job left them.
    /// </summary>
    Task<IReadOnlyList<long>> SetActiveAsync(SetActiveRequest request, ChunkTransaction tx, CancellationToken ct);

    /// <summary>Deletes users and, by cascade, their enrollments, branch links and tokens.</summary>
    Task DeleteManyAsync(DeleteUsersRequest request, ChunkTransaction tx, CancellationToken ct);
}

public sealed record FindUserRequest(string Username);

public sealed record GetUserRequest(long Id);

public sealed record CountUsersRequest(string? Role = null);

public sealed record CreateUserRequest(User User, DateTimeOffset Now);

public sealed record UpdateUserRequest(User User);

public sealed record DeleteUserRequest(long Id);

/// <summary>What narrows a user list or a mass action's selection (SPEC §3 "filter").</summary>
public sealed record UserFilter(long? BranchId = null, bool? Active = null, string? Text = null, long? CourseId = null);

/// <param name="ScopeBranchIds">Only users in one of these branches; null for everyone (Superadmin).</param>
public sealed record ListUsersRequest(UserFilter Filter, IReadOnlyList<long>? ScopeBranchIds, int Limit, long? After);

public sealed record SelectUsersRequest(UserFilter Filter, IReadOnlyList<long>? ScopeBranchIds);

/// <param name="ScopeBranchIds">When set, only existing users of these branches may be updated (a Power User's import).</param>
public sealed record ImportUsersRequest(IReadOnlyList<ImportedUser> Rows, bool UpdateExisting, DateTimeOffset Now,
    IReadOnlyList<long>? ScopeBranchIds = null);

/// <param name="Items">What an import's <see cref="IUserStore.ImportAsync"/> returned, in the order it wrote them.</param>
public sealed record RevertImportRequest(IReadOnlyList<ImportWrite> Items);

/// <summary>An item an import's undo left alone: <paramref name="Index"/> in <see cref="RevertImportRequest.Items"/>.</summary>
public sealed record ImportRevertSkip(int Index, ImportRevertSkipReason Reason);

public enum ImportRevertSkipReason
{
    /// <summary>The user was edited since the import (or its role or branch changed): left as it is.</summary>
    ChangedSince,
    /// <summary>The user no longer exists.</summary>
    DeletedSince,
}

/// <param name="ScopeBranchIds">The actor's branches: <see cref="UserRef.InScope"/> says whether a user is in one of them; null (Superadmin) for all in scope.</param>
public sealed record ResolveUsersRequest(IReadOnlyList<long> Ids, IReadOnlyList<long>? ScopeBranchIds);

public sealed record ReadUsersRequest(IReadOnlyList<long> Ids);

public sealed record SetActiveRequest(IReadOnlyList<long> Ids, bool Active);

public sealed record DeleteUsersRequest(IReadOnlyList<long> Ids);

public enum UserWriteResult
{
    Written,
    NotFound,
    UsernameTaken,
    /// <summary>Refused: it would leave the platform without a Superadmin.</summary>
    LastSuperadmin,
}

/// <summary>One valid CSV row, ready to write. Null fields were absent from the file and stay untouched on update.</summary>
public sealed record ImportedUser(
    string Username, string Email, string? FirstName, string? LastName, string? Language,
    bool? Active, string? PasswordHash, long? BranchId);
