using Offload.Jobs;

namespace Offload.Jobs.Tests;

public sealed class StopOnErrorsTests
{
    [Theory]
    [InlineData(999, 999, false)]   // not judged before "after" items
    [InlineData(1000, 500, false)]  // exactly half is not more than half
    [InlineData(1000, 501, true)]
    [InlineData(2000, 1001, true)]
    [InlineData(2000, 1000, false)]
    public void Stops_past_after_items_when_more_than_percent_failed(long processed, long failed, bool stops) =>
        Assert.Equal(stops, new StopOnErrors(50, 1000).IsExceeded(processed, failed));

    [Fact]
    public void One_hundred_percent_never_stops() => Assert.False(new StopOnErrors(100, 1).IsExceeded(5000, 5000));

    [Theory]
    [InlineData(0, 2000, 1000)]
    [InlineData(600, 2000, 400)]
    [InlineData(999, 2000, 1)]
    [InlineData(1000, 2000, 2000)]
    [InlineData(0, 500, 500)]
    public void A_chunk_ends_where_the_rule_is_first_judged(long from, int chunkSize, int limit) =>
        Assert.Equal(limit, new StopOnErrors(50, 1000).ChunkLimit(from, chunkSize));
}
