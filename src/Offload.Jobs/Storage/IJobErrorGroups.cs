namespace Offload.Jobs.Storage;

/// <summary>
/// A job's errors grouped by reason (field + message), kept as its chunks commit — in the same transaction as
/// their error rows — so a job with a million error rows is summed up without reading them.
/// </summary>
public interface IJobErrorGroups
{
    /// <summary>The <see cref="ReadErrorGroupsRequest.Top"/> largest groups, and what the others add up to.</summary>
    Task<ErrorGroupSummary> ReadAsync(ReadErrorGroupsRequest request, CancellationToken ct);
}

public sealed record ReadErrorGroupsRequest(Guid JobId, int Top);

/// <summary>One reason items failed: how many, and the first rows it happened on.</summary>
/// <param name="SampleRows">The first <see cref="SampleRowCount"/> rows (as a spreadsheet numbers them), ascending.</param>
public sealed record ErrorGroup(string Field, string Message, long Count, IReadOnlyList<long> SampleRows)
{
    /// <summary>How many rows a group keeps as samples: the first ones, in row order.</summary>
    public const int SampleRowCount = 5;
}

/// <param name="Items">Largest first.</param>
/// <param name="OtherGroups">How many smaller groups were left out.</param>
/// <param name="OtherCount">How many error rows those groups hold.</param>
public sealed record ErrorGroupSummary(IReadOnlyList<ErrorGroup> Items, long OtherGroups, long OtherCount);
