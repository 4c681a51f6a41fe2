using Offload.Jobs;
using Offload.Jobs.Storage;

namespace Offload.Platform.Users.Import;

/// <summary>A preview's counts as its rows are checked: nothing per row is kept but the groups' first few row numbers.</summary>
internal sealed class ImportPreviewTally
{
    private readonly Dictionary<(string Field, string Message), (long Count, List<long> Rows)> _groups = [];

    public long Blank { get; set; }
    public long Creates { get; set; }
    public long Updates { get; set; }
    public long ErrorRows { get; private set; }
    public long Errors { get; private set; }

    /// <summary>One row's errors (all of the same row): one error row, one count in each group it falls in.</summary>
    public void AddErrorRow(IReadOnlyList<ItemError> errors)
    {
        ErrorRows++;
        Errors += errors.Count;
        foreach (var error in errors)
        {
            var key = (error.Field, error.Message);
            var group = _groups.TryGetValue(key, out var found) ? found : (0, new List<long>());
            if (group.Rows.Count < ErrorGroup.SampleRowCount && (group.Rows.Count == 0 || group.Rows[^1] != error.Row)) group.Rows.Add(error.Row);
            _groups[key] = (group.Count + 1, group.Rows);
        }
    }

    /// <summary>Biggest first; equal groups by their first row.</summary>
    public IReadOnlyList<ErrorGroup> Groups() =>
        _groups.Select(g => new ErrorGroup(g.Key.Field, g.Key.Message, g.Value.Count, g.Value.Rows))
            .OrderByDescending(g => g.Count).ThenBy(g => g.SampleRows[0]).ToList();
}
