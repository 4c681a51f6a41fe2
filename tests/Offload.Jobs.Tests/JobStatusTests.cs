using Offload.Jobs;

namespace Offload.Jobs.Tests;

public sealed class JobStatusTests
{
    /// <summary>SPEC §4, written out once more by hand: the test fails if the code's machine drifts from it.</summary>
    private static readonly HashSet<(JobStatus, JobStatus)> Legal =
    [
        (JobStatus.Queued, JobStatus.Running), (JobStatus.Queued, JobStatus.Aborted),
        (JobStatus.Running, JobStatus.Completed), (JobStatus.Running, JobStatus.Aborting), (JobStatus.Running, JobStatus.Failed),
        (JobStatus.Running, JobStatus.Aborted),
        (JobStatus.Aborting, JobStatus.Aborted),
        (JobStatus.Queued, JobStatus.Paused), (JobStatus.Running, JobStatus.Paused),
        (JobStatus.Paused, JobStatus.Queued), (JobStatus.Paused, JobStatus.Aborted),
    ];

    [Fact]
    public void Exactly_the_moves_of_the_spec_are_allowed()
    {
        foreach (var from in Enum.GetValues<JobStatus>())
        foreach (var to in Enum.GetValues<JobStatus>())
            Assert.True(Legal.Contains((from, to)) == JobStatuses.CanMove(from, to), $"{from} → {to}");
    }

    [Fact]
    public void Finished_states_are_the_ones_with_no_way_out()
    {
        foreach (var s in Enum.GetValues<JobStatus>())
            Assert.Equal(!Enum.GetValues<JobStatus>().Any(to => JobStatuses.CanMove(s, to)), s.IsFinished());
    }

    [Fact]
    public void Names_round_trip_and_unknown_names_are_refused()
    {
        foreach (var s in Enum.GetValues<JobStatus>())
        {
            Assert.True(JobStatuses.TryParse(s.ToName(), out var parsed));
            Assert.Equal(s, parsed);
        }
        Assert.False(JobStatuses.TryParse("done", out _));
        Assert.False(JobStatuses.TryParse(null, out _));
    }

    [Theory]
    [InlineData(JobStatus.Running, 0, 1204, 0)]
    [InlineData(JobStatus.Running, 602, 1204, 50)]
    [InlineData(JobStatus.Running, 1204, 1204, 99)]
    [InlineData(JobStatus.Aborted, 1204, 1204, 99)]
    [InlineData(JobStatus.Completed, 1204, 1204, 100)]
    [InlineData(JobStatus.Completed, 0, 0, 100)]
    [InlineData(JobStatus.Queued, 0, 0, 0)]
    public void Percent_is_a_whole_number_that_says_100_only_when_completed(JobStatus status, long processed, long total, int percent)
    {
        var job = new Job
        {
            Id = Guid.CreateVersion7(), Kind = "k", Description = "d", OwnerId = 1, OwnerName = "o", Status = status,
            CreatedAt = DateTimeOffset.UnixEpoch, Total = total, ExpiresAt = DateTimeOffset.UnixEpoch, Input = "{}",
            Checkpoint = new Checkpoint(processed),
        };
        Assert.Equal(percent, job.Percent);
    }
}
