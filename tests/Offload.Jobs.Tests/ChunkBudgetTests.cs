using System.Diagnostics;
using Offload.Jobs;

namespace Offload.Jobs.Tests;

public sealed class ChunkBudgetTests
{
    [Fact]
    public void A_chunk_takes_at_least_one_item_and_stops_at_its_size()
    {
        var budget = new ChunkBudget(3, TimeSpan.FromMinutes(1), Stopwatch.GetTimestamp());
        Assert.True(budget.Allows(0));
        Assert.True(budget.Allows(2));
        Assert.False(budget.Allows(3));
    }

    [Fact]
    public void A_chunk_stops_when_its_time_is_spent_even_below_its_size()
    {
        var startedLongAgo = Stopwatch.GetTimestamp() - Stopwatch.Frequency; // one second ago
        var budget = new ChunkBudget(1000, TimeSpan.FromMilliseconds(100), startedLongAgo);
        Assert.True(budget.Allows(0)); // always at least one item, or a slow item could never progress
        Assert.False(budget.Allows(1));
    }
}
