using Offload.Jobs;
using Offload.Jobs.Storage;

namespace Offload.Storage.Contract;

/// <summary>Finding jobs (issue 20): the list's filters by kind, creation date and text, alone, combined, and across pages.</summary>
public abstract class JobFindContract : StoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// 60 jobs, one an hour from T0: owners 1 and 2 in turn; kinds import / enroll / export in turn; the imports name
    /// a file; every fifth job aborted.
    /// </summary>
    private async Task<List<Job>> SeedAsync()
    {
        var jobs = new List<Job>();
        for (var i = 0; i < 60; i++)
        {
            var at = T0.AddHours(i);
            var (kind, description) = (i % 3) switch
            {
                0 => ("users.import", $"Import of staff-{i:00}.csv ({i + 1} rows)"),
                1 => ("enrollments.create", $"Enroll {i} users in 1 course"),
                _ => ("users.export", $"Export of {i} users"),
            };
            var owner = i % 2 + 1;
            var job = await Stores.Jobs.EnqueueAsync(new EnqueueRequest(Guid.CreateVersion7(at), kind, description, owner, $"owner{owner}", 1,
                "{}", at, at.AddDays(30)), default);
            if (i % 5 == 0) await Stores.Monitor.AbortAsync(new AbortJobRequest(job.Id, at, Someone), default);
            jobs.Add(job);
        }
        return jobs;
    }

    /// <summary>Every page of <paramref name="request"/>, <paramref name="limit"/> at a time: the ids in list order.</summary>
    private async Task<List<Guid>> AllPagesAsync(ListJobsRequest request, int limit = 4)
    {
        var ids = new List<Guid>();
        Guid? cursor = null;
        do
        {
            var page = await Stores.Monitor.ListAsync(request with { Limit = limit, Before = cursor }, default);
            Assert.True(page.Items.Count <= limit);
            ids.AddRange(page.Items.Select(j => j.Id));
            cursor = page.Next;
        } while (cursor is not null);
        return ids;
    }

    private static List<Guid> Newest(IEnumerable<Job> jobs) => [.. jobs.OrderByDescending(j => j.CreatedAt).Select(j => j.Id)];

    private static ListJobsRequest Everything => new(null, null, 50, null);

    [Fact]
    public async Task Kind_keeps_only_that_kind_newest_first_across_pages()
    {
        var jobs = await SeedAsync();
        Assert.Equal(Newest(jobs.Where(j => j.Kind == "users.export")), await AllPagesAsync(Everything with { Kind = "users.export" }));
        Assert.Empty(await AllPagesAsync(Everything with { Kind = "no.such.kind" }));
    }

    [Fact]
    public async Task A_date_range_keeps_the_jobs_created_within_it_both_ends_included()
    {
        var jobs = await SeedAsync();
        var (from, to) = (T0.AddHours(10), T0.AddHours(30));
        Assert.Equal(Newest(jobs.Where(j => j.CreatedAt >= from && j.CreatedAt <= to)),
            await AllPagesAsync(Everything with { CreatedFrom = from, CreatedTo = to }));
        Assert.Equal(21, (await AllPagesAsync(Everything with { CreatedFrom = from, CreatedTo = to })).Count);
        Assert.Equal(Newest(jobs.Where(j => j.CreatedAt >= from)), await AllPagesAsync(Everything with { CreatedFrom = from }));
        Assert.Equal(Newest(jobs.Where(j => j.CreatedAt <= to)), await AllPagesAsync(Everything with { CreatedTo = to }));
        Assert.Empty(await AllPagesAsync(Everything with { CreatedFrom = T0.AddDays(10) }));
    }

    [Fact]
    public async Task A_date_range_orders_by_creation_even_when_ids_were_made_in_another_order()
    {
        // An import's id is made before its upload is read, so a job created later may carry an older id.
        var late = await Stores.Jobs.EnqueueAsync(new EnqueueRequest(Guid.CreateVersion7(T0), "users.import", "Import of big.csv (9 rows)", 1,
            "owner1", 9, "{}", T0.AddMinutes(5), T0.AddDays(30)), default);
        var early = await Stores.Jobs.EnqueueAsync(new EnqueueRequest(Guid.CreateVersion7(T0.AddMinutes(1)), "users.export", "Export of 1 user", 1,
            "owner1", 1, "{}", T0.AddMinutes(1), T0.AddDays(30)), default);
        Assert.Equal([late.Id, early.Id], await AllPagesAsync(Everything with { CreatedFrom = T0 }, limit: 1));
    }

    [Fact]
    public async Task Paging_by_date_goes_on_after_the_last_job_shown_was_deleted()
    {
        var jobs = await SeedAsync();
        var request = Everything with { CreatedTo = T0.AddHours(59), Limit = 5 };
        var first = await Stores.Monitor.ListAsync(request, default);
        var last = first.Items[^1];
        Assert.Equal(JobStatus.Aborted, last.Status); // hour 55: every fifth job was aborted, so it may be deleted
        Assert.Equal(DeleteOutcome.Deleted, await Stores.Monitor.DeleteAsync(new DeleteJobRequest(last.Id, Someone, DateTimeOffset.UnixEpoch), default));
        var second = await Stores.Monitor.ListAsync(request with { Before = first.Next }, default);
        Assert.Equal(Newest(jobs).Skip(5).Take(5), second.Items.Select(j => j.Id));
    }

    [Fact]
    public async Task Text_matches_the_description_and_the_file_name_in_any_case()
    {
        var jobs = await SeedAsync();
        Assert.Equal([jobs[42].Id], await AllPagesAsync(Everything with { Text = "STAFF-42.csv" }));
        Assert.Equal(Newest(jobs.Where(j => j.Kind == "users.import")), await AllPagesAsync(Everything with { Text = "staff-" }));
        Assert.Equal(Newest(jobs.Where(j => j.Description.Contains("users in", StringComparison.Ordinal))),
            await AllPagesAsync(Everything with { Text = "Users In" }));
        Assert.Empty(await AllPagesAsync(Everything with { Text = "payroll" }));
    }

    [Fact]
    public async Task Short_texts_and_wildcards_match_only_themselves()
    {
        var at = T0;
        async Task<Guid> AddAsync(string description)
        {
            at = at.AddMinutes(1);
            return (await Stores.Jobs.EnqueueAsync(new EnqueueRequest(Guid.CreateVersion7(at), "users.import", description, 1, "owner1", 1, "{}",
                at, at.AddDays(30)), default)).Id;
        }
        var percent = await AddAsync("Import of 100%_real.csv (1 row)");
        var plain = await AddAsync("Import of 100x-real.csv (1 row)");
        var quoted = await AddAsync("Import of \"quoted\".csv (1 row)");
        Assert.Equal([percent], await AllPagesAsync(Everything with { Text = "%_" }));
        Assert.Equal([percent], await AllPagesAsync(Everything with { Text = "100%_REAL" }));
        Assert.Equal([quoted, plain, percent], await AllPagesAsync(Everything with { Text = "of" }));
        Assert.Equal([quoted], await AllPagesAsync(Everything with { Text = "\"quoted\"" }));
        Assert.Equal([plain], await AllPagesAsync(Everything with { Text = "x-r" }));
    }

    [Fact]
    public async Task A_deleted_or_expired_job_is_found_no_more_and_new_ones_are()
    {
        var jobs = await SeedAsync();
        Assert.Equal(DeleteOutcome.Deleted, await Stores.Monitor.DeleteAsync(new DeleteJobRequest(jobs[45].Id, Someone, DateTimeOffset.UnixEpoch), default));
        Assert.Empty(await AllPagesAsync(Everything with { Text = "staff-45" }));
        await Stores.Retention.PurgeExpiredAsync(new PurgeExpiredRequest(T0.AddDays(30).AddHours(1), 100), default); // expires job 0 (aborted)
        Assert.Empty(await AllPagesAsync(Everything with { Text = "staff-00" }));
        var fresh = await Stores.Jobs.EnqueueAsync(new EnqueueRequest(Guid.CreateVersion7(T0.AddDays(3)), "users.import", "Import of staff-45.csv (2 rows)",
            1, "owner1", 2, "{}", T0.AddDays(3), T0.AddDays(40)), default);
        Assert.Equal([fresh.Id], await AllPagesAsync(Everything with { Text = "staff-45" }));
    }

    [Fact]
    public async Task Filters_combine_and_page_together()
    {
        var jobs = await SeedAsync();
        var (from, to) = (T0.AddHours(5), T0.AddHours(50));
        var request = new ListJobsRequest(1, JobStatus.Queued, 50, null)
        {
            Kind = "users.import", CreatedFrom = from, CreatedTo = to, Text = "csv",
        };
        var expected = Newest(jobs.Where((j, i) => j.OwnerId == 1 && i % 5 != 0 && j.Kind == "users.import"
            && j.CreatedAt >= from && j.CreatedAt <= to));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await AllPagesAsync(request, limit: 2));
        Assert.Equal(Newest(jobs.Where((j, i) => j.OwnerId == 2 && i % 5 == 0 && j.Kind == "users.export")),
            await AllPagesAsync(new ListJobsRequest(2, JobStatus.Aborted, 50, null) { Kind = "users.export", Text = "users" }, limit: 1));
    }
}
