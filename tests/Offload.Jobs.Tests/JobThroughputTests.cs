namespace Offload.Jobs.Tests;

public sealed class JobThroughputTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-12-01T12:00:00Z");

    private static Job Ran(string kind, long total, double seconds) => new()
    {
        Id = Guid.NewGuid(), Kind = kind, Description = "", OwnerId = 1, OwnerName = "admin", Status = JobStatus.Completed,
        CreatedAt = Start, StartedAt = Start, FinishedAt = Start.AddSeconds(seconds), Total = total, ExpiresAt = Start.AddDays(14), Input = "{}",
    };

    [Fact]
    public void Until_a_kind_has_run_here_its_typical_rate_gives_the_estimate()
    {
        var throughput = new JobThroughput();

        Assert.Equal(10, throughput.EstimateSeconds("users.import", 1_000_000, typicalRate: 100_000));
        Assert.Equal(1, throughput.EstimateSeconds("users.import", 5, typicalRate: 100_000));
        Assert.Equal(0, throughput.EstimateSeconds("users.import", 0, typicalRate: 100_000));
    }

    [Fact]
    public void A_completed_job_teaches_its_kind_rate_and_tiny_jobs_teach_nothing()
    {
        var throughput = new JobThroughput();
        throughput.Completed(Ran("users.import", 10, 5)); // 2 items/s: pickup time, not a rate
        throughput.Completed(Ran("users.import", 200_000, 10)); // 20,000 items/s

        Assert.Equal(50, throughput.EstimateSeconds("users.import", 1_000_000, typicalRate: 100_000));
        Assert.Equal(10, throughput.EstimateSeconds("users.export", 1_000_000, typicalRate: 100_000));
    }
}
