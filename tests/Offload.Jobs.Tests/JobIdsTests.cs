using Microsoft.Extensions.Time.Testing;

namespace Offload.Jobs.Tests;

public sealed class JobIdsTests
{
    [Fact]
    public void Ids_made_in_the_same_millisecond_sort_in_the_order_they_were_made()
    {
        // A clock that never moves: every id falls in one millisecond, past the 4,096 the counter holds.
        var ids = new JobIds(new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T12:00:00Z")));
        var made = Enumerable.Range(0, 10_000).Select(_ => ids.Next()).ToList();

        // Both ways the stores order ids: SQLite compares their text, PostgreSQL their bytes (big-endian).
        Assert.Equal(made, made.OrderBy(id => id.ToString(), StringComparer.Ordinal));
        Assert.Equal(made, made.OrderBy(id => Convert.ToHexString(id.ToByteArray(bigEndian: true)), StringComparer.Ordinal));
        Assert.Equal(made.Count, made.Distinct().Count());
    }

    [Fact]
    public void An_id_is_a_version_7_uuid_carrying_its_millisecond()
    {
        var now = DateTimeOffset.Parse("2026-12-01T12:00:00.123Z");
        var id = new JobIds(new FakeTimeProvider(now)).Next();

        Assert.Equal(7, id.Version);
        Assert.Equal(0b10, id.Variant >> 2);
        var ms = Convert.ToInt64(id.ToString("N")[..12], 16);
        Assert.Equal(now.ToUnixTimeMilliseconds(), ms);
    }

    [Fact]
    public void A_later_millisecond_restarts_above_every_earlier_id()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T12:00:00Z"));
        var ids = new JobIds(clock);
        var early = Enumerable.Range(0, 5_000).Select(_ => ids.Next()).Max(id => id.ToString())!;
        clock.Advance(TimeSpan.FromMilliseconds(1)); // the counter borrowed this millisecond already
        Assert.True(string.CompareOrdinal(ids.Next().ToString(), early) > 0);
    }
}
