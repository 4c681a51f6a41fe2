namespace Offload.Platform.Users;

/// <summary>What an import did with one row.</summary>
public enum ImportWriteOutcome
{
    /// <summary>Not written: the name exists and may not be updated (not asked, an administrator, out of scope).</summary>
    Refused,
    Created,
    Updated,
}

/// <summary>
/// What an import wrote for one row, as much as its undo needs: the user's id; for an update, the values it had before;
/// and a fingerprint of what the import left, so the undo touches the user only while it still matches.
/// </summary>
/// <param name="BranchId">The branch the row put the user in, if it named one.</param>
/// <param name="BranchAdded">Whether that membership is new: an update's undo removes it (a created user's goes with the user).</param>
public sealed record ImportWrite(ImportWriteOutcome Outcome, long UserId, ImportableValues? Before, ulong After, long? BranchId, bool BranchAdded)
{
    public static readonly ImportWrite Refused = new(ImportWriteOutcome.Refused, 0, null, 0, null, false);

    public bool Written => Outcome != ImportWriteOutcome.Refused;

    /// <summary>A new user, as the import inserts it (absent columns take their defaults).</summary>
    public static ImportWrite Create(long id, ImportedUser row) =>
        new(ImportWriteOutcome.Created, id, null, ImportableValues.Of(row).Fingerprint(row.BranchId is not null), row.BranchId, row.BranchId is not null);

    /// <summary>An existing user the row updated (absent columns kept).</summary>
    public static ImportWrite Update(long id, ImportableValues before, ImportedUser row, bool branchAdded) =>
        new(ImportWriteOutcome.Updated, id, before, before.UpdatedBy(row).Fingerprint(row.BranchId is not null), row.BranchId, branchAdded);
}
