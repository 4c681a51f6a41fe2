using Offload.Platform.Users;

namespace Offload.Platform.MassActions.Undo;

/// <summary>
/// The users one chunk of an import created or updated (<see cref="ImportWrite"/>), as a change record's payload: ids
/// ascending as variable-length deltas, each with its fingerprint (8 bytes) and branch; an update also with the values
/// before it (length-prefixed UTF-8). About 10 bytes a created user: the fingerprint stands for the after-values.
/// </summary>
public static class ImportChangePayload
{
    public const string Created = "user.created";
    public const string Updated = "user.updated";

    /// <summary>The written rows of <paramref name="writes"/> with outcome <paramref name="outcome"/>, ascending by id; null when none.</summary>
    public static (byte[] Payload, int Items)? Encode(IReadOnlyList<ImportWrite> writes, ImportWriteOutcome outcome)
    {
        var items = writes.Where(w => w.Outcome == outcome).OrderBy(w => w.UserId).ToList();
        if (items.Count == 0) return null;
        using var stream = new MemoryStream(items.Count * (outcome == ImportWriteOutcome.Created ? 12 : 96));
        using (var w = new BinaryWriter(stream))
        {
            long previous = 0;
            foreach (var item in items)
            {
                w.Write7BitEncodedInt64(item.UserId - previous);
                previous = item.UserId;
                w.Write(item.After);
                w.Write7BitEncodedInt64(item.BranchId ?? 0);
                if (outcome == ImportWriteOutcome.Created) continue;
                w.Write(item.BranchAdded);
                var b = item.Before!;
                w.Write(b.Username);
                w.Write(b.Email);
                w.Write(b.FirstName);
                w.Write(b.LastName);
                w.Write(b.Language);
                w.Write(b.Active);
                w.Write(b.PasswordHash is not null);
                if (b.PasswordHash is not null) w.Write(b.PasswordHash);
            }
        }
        return (stream.ToArray(), items.Count);
    }

    public static IReadOnlyList<ImportWrite> Decode(string change, byte[] payload)
    {
        var created = change == Created;
        var items = new List<ImportWrite>();
        using var r = new BinaryReader(new MemoryStream(payload));
        try
        {
            long id = 0;
            while (r.BaseStream.Position < payload.Length)
            {
                id += r.Read7BitEncodedInt64();
                var after = r.ReadUInt64();
                var branch = r.Read7BitEncodedInt64() is var b and not 0 ? b : (long?)null;
                if (created)
                {
                    items.Add(new ImportWrite(ImportWriteOutcome.Created, id, null, after, branch, branch is not null));
                    continue;
                }
                var added = r.ReadBoolean();
                var before = new ImportableValues(r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadBoolean(),
                    r.ReadBoolean() ? r.ReadString() : null);
                items.Add(new ImportWrite(ImportWriteOutcome.Updated, id, before, after, branch, added));
            }
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("A change record of the job is damaged.", e);
        }
        return items;
    }
}
