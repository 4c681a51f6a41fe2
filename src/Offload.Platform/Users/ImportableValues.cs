using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Offload.Platform.Users;

/// <summary>
/// A user's columns that an import may change, as stored, with its name (never changed by an import, but renaming the
/// user since counts as a change).
/// </summary>
public sealed record ImportableValues(string Username, string Email, string FirstName, string LastName, string Language, bool Active, string? PasswordHash)
{
    /// <summary>A new user as the import inserts the row: the columns the file left out take the table's defaults.</summary>
    public static ImportableValues Of(ImportedUser row) =>
        new(row.Username, row.Email, row.FirstName ?? "", row.LastName ?? "", row.Language ?? "en", row.Active ?? true, row.PasswordHash);

    /// <summary>This user once the row has updated it: the email always, the other columns when the file has them.</summary>
    public ImportableValues UpdatedBy(ImportedUser row) => this with
    {
        Email = row.Email, FirstName = row.FirstName ?? FirstName, LastName = row.LastName ?? LastName,
        Language = row.Language ?? Language, Active = row.Active ?? Active, PasswordHash = row.PasswordHash ?? PasswordHash,
    };

    /// <summary>
    /// A 64-bit hash of the values and of whether the user is in the row's branch: what an undo compares, instead of
    /// keeping a second copy of every value (a password hash alone is most of a row's bytes). Length-prefixed, so no two
    /// different users hash the same input; a chance collision (2^-64) would only let an undo revert an edited user.
    /// </summary>
    public ulong Fingerprint(bool inBranch)
    {
        string?[] parts = [Username, Email, FirstName, LastName, Language, PasswordHash];
        var length = 2;
        foreach (var part in parts) length += 1 + (part?.Length ?? 0);
        var buffer = ArrayPool<char>.Shared.Rent(length);
        var at = 0;
        foreach (var part in parts)
        {
            // The length as one char: a column longer than 65,534 chars (none is) would only weaken the prefix.
            buffer[at++] = part is null ? char.MaxValue : (char)Math.Min(part.Length, char.MaxValue - 1);
            part?.CopyTo(buffer.AsSpan(at));
            at += part?.Length ?? 0;
        }
        buffer[at++] = Active ? '1' : '0';
        buffer[at++] = inBranch ? '1' : '0';
        var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(buffer.AsSpan(0, at)));
        ArrayPool<char>.Shared.Return(buffer);
        return hash;
    }
}
