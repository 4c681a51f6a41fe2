using Microsoft.Extensions.Time.Testing;
using Offload.Jobs;
using Offload.Web.Jobs;

namespace Offload.Web.Tests;

/// <summary>The time left of a running job, from its recent rate: blank until meaningful, never negative, no wild jumps.</summary>
public sealed class JobEtasTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly JobEtas _etas;
    private readonly Guid _id = Guid.CreateVersion7();

    public JobEtasTests() => _etas = new JobEtas(_clock);

    private Job Running(long processed, long total = 10_000, JobStatus status = JobStatus.Running) => new()
    {
        Id = _id, Kind = "users.import", Description = "", OwnerId = 1, OwnerName = "admin", Status = status,
        CreatedAt = _clock.GetUtcNow(), Total = total, ExpiresAt = _clock.GetUtcNow().AddDays(14), Input = "",
        Checkpoint = new Checkpoint(processed),
    };

    /// <summary>Reads the job every second for <paramref name="seconds"/>, <paramref name="rate"/> items a second; the ETA after the last.</summary>
    private long? Run(ref long processed, int seconds, long rate, long total = 10_000)
    {
        long? eta = null;
        for (var i = 0; i < seconds; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            processed += rate;
            var job = Running(processed, total);
            _etas.Observe(job);
            eta = _etas.EtaSeconds(job);
        }
        return eta;
    }

    [Fact]
    public void Blank_until_the_samples_span_a_few_seconds_then_the_rate_tells_the_time_left()
    {
        var first = Running(0);
        _etas.Observe(first);
        Assert.Null(_etas.EtaSeconds(first));
        long processed = 0;
        Assert.Null(Run(ref processed, 2, 100)); // two seconds of samples: not yet
        var eta = Run(ref processed, 1, 100);
        Assert.Equal((10_000 - 300) / 100, eta);
    }

    [Fact]
    public void The_recent_rate_counts_not_the_average_since_the_start()
    {
        long processed = 0;
        Run(ref processed, 60, 10, total: 100_000);      // a slow start: 10 a second for a minute
        var eta = Run(ref processed, 60, 1_000, total: 100_000)!.Value; // then 1,000 a second
        var left = 100_000 - processed;
        // At the recent rate, left / 1,000 seconds; the average since the start (about 505 a second) would say twice that.
        Assert.InRange(eta, left / 1_000, left / 1_000 * 1.1 + 1);
    }

    [Fact]
    public void One_burst_moves_the_estimate_without_throwing_it_about()
    {
        long processed = 0;
        var steady = Run(ref processed, 30, 100, total: 100_000)!.Value;
        _clock.Advance(TimeSpan.FromSeconds(1));
        processed += 5_000; // one chunk committed fifty seconds' worth at once
        var job = Running(processed, 100_000);
        _etas.Observe(job);
        var after = _etas.EtaSeconds(job)!.Value;
        Assert.True(after < steady, $"{after} < {steady}");
        Assert.True(after > steady / 3, $"{after} > {steady} / 3: a jump, not a move");
    }

    [Fact]
    public void Never_negative_and_zero_once_every_item_is_done()
    {
        long processed = 0;
        Run(ref processed, 10, 100, total: 1_000);
        var done = Running(1_000, total: 1_000);
        _etas.Observe(done);
        Assert.Equal(0, _etas.EtaSeconds(done));
    }

    [Fact]
    public void A_stalled_job_has_no_estimate_and_a_finished_one_is_forgotten()
    {
        long processed = 0;
        Assert.NotNull(Run(ref processed, 10, 100));
        Assert.Null(Run(ref processed, 31, 0)); // nothing moved for a whole window
        Assert.NotNull(Run(ref processed, 5, 100)); // moving again: a fresh estimate
        var finished = Running(processed, status: JobStatus.Completed);
        _etas.Observe(finished);
        Assert.Null(_etas.EtaSeconds(finished));
        Assert.Null(_etas.EtaSeconds(Running(processed))); // its samples went with it
    }
}
