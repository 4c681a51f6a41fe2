using System.Runtime.CompilerServices;
using Offload.Jobs;

namespace Offload.Platform.MassActions;

/// <summary>One failed item of a job: its row (a data row of an import, a position in a frozen selection) and its error rows.</summary>
public sealed record FailedRow(long Row, IReadOnlyList<ItemError> Errors)
{
    /// <summary>The row's messages in one cell, as the failed-rows file's last column shows them.</summary>
    public string Error => string.Join("; ", Errors.Select(e => e.Message));
}

/// <summary>A job's error rows (several per item possible) read as its failed items, streaming.</summary>
public static class FailedRows
{
    /// <param name="errors">Error rows in row order, as <c>IJobMonitor.ReadErrorsAsync</c> gives them.</param>
    public static async IAsyncEnumerable<FailedRow> ByRow(this IAsyncEnumerable<ItemError> errors, [EnumeratorCancellation] CancellationToken ct = default)
    {
        List<ItemError>? current = null;
        await foreach (var error in errors.WithCancellation(ct))
        {
            if (current is not null && current[0].Row != error.Row)
            {
                yield return new FailedRow(current[0].Row, current);
                current = null;
            }
            (current ??= []).Add(error);
        }
        if (current is not null) yield return new FailedRow(current[0].Row, current);
    }
}
