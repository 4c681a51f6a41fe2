using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Users;
using Offload.Platform.Users.Import;

namespace Offload.Platform.MassActions.Undo;

/// <summary>
/// Undoes a CSV import: deletes each user it created and gives each user it updated its earlier values back (and takes
/// away a branch the import added), each only while the user is still as the import left it; one edited since stays.
/// </summary>
public sealed class ImportReverter(IUserStore users) : IChangeReverter
{
    public string Kind => UsersImportHandler.KindName;

    public IReadOnlyList<RevertLine> Plan(IReadOnlyDictionary<string, long> counts) =>
    [
        new("Delete {0} users this import created", counts.GetValueOrDefault(ImportChangePayload.Created)),
        new("Restore the earlier values of {0} users this import updated", counts.GetValueOrDefault(ImportChangePayload.Updated)),
    ];

    public async Task RevertAsync(RevertChunk chunk, ChangeRecord record, ChunkTransaction tx, CancellationToken ct)
    {
        var items = ImportChangePayload.Decode(record.Change, record.Payload);
        var byId = items.ToDictionary(i => i.UserId);
        await chunk.RevertGroupAsync(new ChangeGroup(0, 0, [.. items.Select(i => i.UserId)]), async ids =>
        {
            var asked = ids.Select(id => byId[id]).ToList();
            var skipped = await users.RevertImportAsync(new RevertImportRequest(asked), tx, ct);
            var left = skipped.Select(s => asked[s.Index].UserId).ToHashSet();
            return [.. ids.Where(id => !left.Contains(id))];
        }, tx, ct);
    }
}
