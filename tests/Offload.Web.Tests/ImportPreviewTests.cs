using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Offload.Web.Tests;

/// <summary>
/// The import preview (SPEC §9): its counts are what the job then does, it is its creator's only, and it goes
/// away — started, cancelled or expired — with its file.
/// </summary>
public sealed class ImportPreviewTests(ManualApp fixture) : IClassFixture<ManualApp>
{
    private readonly OffloadApp _app = fixture.App;
    private static int _cases;

    [Theory]
    [InlineData(false, false, 3, 0, 9)]
    [InlineData(false, true, 3, 3, 6)]
    [InlineData(true, false, 2, 0, 10)]
    [InlineData(true, true, 2, 1, 9)]
    public async Task The_preview_counts_are_what_the_job_then_does(bool asPowerUser, bool updateExisting, long creates, long updates, long errorRows)
    {
        var p = $"pc{Interlocked.Increment(ref _cases)}-";
        var admin = await _app.AdminAsync();
        var north = await admin.CreateBranchAsync(p + "North");
        var south = await admin.CreateBranchAsync(p + "South");
        await admin.CreateUserAsync(p + "plain-n", "user", north.Id);
        await admin.CreateUserAsync(p + "plain-s", "user", south.Id);
        await admin.CreateUserAsync(p + "plain-none");
        await admin.CreateUserAsync(p + "boss", "poweruser", north.Id);
        var actor = asPowerUser ? await _app.ClientForIdAsync((await admin.CreateUserAsync(p + "pu", "poweruser", north.Id)).Id) : admin;
        var existing = new[] { "plain-n", "plain-s", "plain-none", "boss" };
        var fresh = new[] { "new1", "new2", "south-new", "bad-mail", "bad-mail2", "bad-two", "short" };
        var csv = $"""
            username,email,firstname,branch,password
            {p}new1,{p}new1@example.com,New,{p}North,secret-pass-1
            {p}new2,{p}new2@example.com,,,
            {p.ToUpperInvariant()}PLAIN-N,{p}plain-n@file.example.com,,,
            {p}plain-s,{p}plain-s@file.example.com,,,
            {p}boss,{p}boss@file.example.com,,,
            {p}plain-none,{p}plain-none@file.example.com,,,
            {p}new1,{p}again@example.com,,,
            {p}bad-mail,not-an-email,,,
            {p}bad-mail2,nope,,,
            {p}bad-two,also bad,,Atlantis,

            {p}south-new,{p}south-new@example.com,,{p}South,
            {p}short,{p}short@example.com,,,abc
            """;

        var preview = await actor.PreviewAsync(csv, "mix.csv", updateExisting);
        Assert.Equal((13L, 1L, creates, updates, errorRows), (preview.Rows, preview.BlankRows, preview.Creates, preview.Updates, preview.ErrorRows));
        Assert.Equal(preview.Rows - preview.BlankRows, preview.Creates + preview.Updates + preview.ErrorRows);
        Assert.Equal(["username", "email", "firstname", "branch", "password"], preview.Columns);
        Assert.Equal([p + "new1", p + "new1@example.com", "New", p + "North"], preview.FirstRows[0].Take(4));
        Assert.Equal("••••••••", preview.FirstRows[0][4]);
        Assert.DoesNotContain(preview.FirstRows.SelectMany(r => r), v => v.Contains("secret-pass", StringComparison.Ordinal));
        Assert.Equal(10, preview.FirstRows.Count);

        var started = await actor.StartPreviewAsync(preview.Id);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = (await started.Content.ReadFromJsonAsync<CreatedBody>())!.Job;
        Assert.Equal((preview.Rows, "Import of mix.csv (13 rows)"), (job.Total, job.Description));
        await _app.RunQueuedJobsAsync();
        var done = (await actor.GetFromJsonAsync<JobBody>($"/api/jobs/{job.Id}"))!;

        Assert.Equal("completed", done.Status);
        Assert.Equal(preview.ErrorCount, done.ErrorCount);
        Assert.Equal(preview.ErrorRows + 1, preview.ErrorCount); // the row with a bad email and an unknown branch
        var created = 0;
        foreach (var name in fresh)
            if (await _app.FindUserAsync(p + name) is not null) created++;
        Assert.Equal(preview.Creates, created);
        var updated = 0;
        foreach (var name in existing)
            if ((await _app.FindUserAsync(p + name))!.Email == $"{p}{name}@file.example.com") updated++;
        Assert.Equal(preview.Updates, updated);

        var logged = (await actor.ErrorLinesAsync(job.Id)).Select(CsvLine.Split).ToList();
        Assert.Equal(preview.ErrorRows, logged.Select(l => l[0]).Distinct().Count());
        var fromLog = logged.GroupBy(l => (Field: l[1], Message: l[2]))
            .Select(g => $"{g.Key.Field}|{g.Key.Message}|{g.Count()}|{string.Join(" ", g.Select(l => long.Parse(l[0])).Order().Take(5))}")
            .Order();
        var fromPreview = preview.ErrorGroups.Select(g => $"{g.Field}|{g.Message}|{g.Count}|{string.Join(" ", g.SampleRows)}").Order();
        Assert.Equal(fromLog, fromPreview);
        // Biggest group first; the row with two wrong fields is one error row in two groups.
        Assert.Equal(preview.ErrorGroups.OrderByDescending(g => g.Count).Select(g => g.Count), preview.ErrorGroups.Select(g => g.Count));
        Assert.Contains(preview.ErrorGroups, g => g is { Field: "branch", Message: "The branch does not exist." } && g.SampleRows.SequenceEqual([11L]));
        Assert.Contains(preview.ErrorGroups, g => g is { Field: "email", Message: "The email address is not valid.", Count: 3 });
    }

    [Fact]
    public async Task A_file_of_several_lookup_batches_counts_each_row_once_and_in_order()
    {
        var admin = await _app.AdminAsync();
        foreach (var existing in new[] { 7, 20_001, 44_000 }) await admin.CreateUserAsync($"big{existing}");
        var csv = new System.Text.StringBuilder("username,email\n");
        for (var i = 1; i <= 45_000; i++) csv.Append($"big{i},{(i == 30_000 ? "broken" : $"big{i}@example.com")}\n");

        var preview = await admin.PreviewAsync(csv.ToString(), "big.csv");
        Assert.Equal((45_000L, 44_996L, 0L, 4L), (preview.Rows, preview.Creates, preview.Updates, preview.ErrorRows));
        var taken = Assert.Single(preview.ErrorGroups, g => g.Field == "username");
        Assert.Equal([8L, 20_002L, 44_001L], taken.SampleRows);

        var job = (await (await admin.StartPreviewAsync(preview.Id)).Content.ReadFromJsonAsync<CreatedBody>())!.Job;
        await _app.RunQueuedJobsAsync();
        Assert.Equal(preview.ErrorCount, (await admin.GetFromJsonAsync<JobBody>($"/api/jobs/{job.Id}"))!.ErrorCount);
        Assert.NotNull(await _app.FindUserAsync("big45000"));
    }

    [Fact]
    public async Task A_preview_is_its_creators_only_even_for_a_superadmin()
    {
        var admin = await _app.AdminAsync();
        var branch = await admin.CreateBranchAsync("Owned preview");
        var owner = await _app.ClientForIdAsync((await admin.CreateUserAsync("pv-owner", "poweruser", branch.Id)).Id);
        var other = await _app.ClientForIdAsync((await admin.CreateUserAsync("pv-other", "poweruser", branch.Id)).Id);
        var preview = await owner.PreviewAsync("username,email\npv-a,pv-a@example.com\n");

        foreach (var stranger in new[] { admin, other })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{ImportPreviewApi.PreviewPath}/{preview.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"{ImportPreviewApi.PreviewPath}/{preview.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.StartPreviewAsync(preview.Id)).StatusCode);
        }
        var mine = (await owner.GetFromJsonAsync<PreviewBody>($"{ImportPreviewApi.PreviewPath}/{preview.Id}"))!;
        Assert.Equal((1L, 1L, "users.csv"), (mine.Rows, mine.Creates, mine.FileName));
        Assert.True(mine.EstimatedSeconds >= 1);
    }

    [Fact]
    public async Task Cancel_deletes_the_preview_and_its_file()
    {
        var admin = await _app.AdminAsync();
        var preview = await admin.PreviewAsync("username,email\npv-cancel,pv-cancel@example.com\n");
        var folder = PreviewFolder(preview.Id);
        Assert.True(File.Exists(Path.Combine(folder, "input.csv")));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{ImportPreviewApi.PreviewPath}/{preview.Id}")).StatusCode);
        Assert.False(Directory.Exists(folder));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{ImportPreviewApi.PreviewPath}/{preview.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.StartPreviewAsync(preview.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"{ImportPreviewApi.PreviewPath}/{preview.Id}")).StatusCode);
    }

    [Fact]
    public async Task Starting_moves_the_file_into_the_job_and_consumes_the_preview()
    {
        var admin = await _app.AdminAsync();
        var preview = await admin.PreviewAsync("username,email\npv-start,pv-start@example.com\n", "start.csv");
        var job = (await (await admin.StartPreviewAsync(preview.Id)).Content.ReadFromJsonAsync<CreatedBody>())!.Job;

        Assert.False(Directory.Exists(PreviewFolder(preview.Id)));
        Assert.True(File.Exists(Path.Combine(_app.DataPath, "jobs", job.Id.ToString("N"), "input.csv")));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{ImportPreviewApi.PreviewPath}/{preview.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.StartPreviewAsync(preview.Id)).StatusCode);
        await _app.RunQueuedJobsAsync();
        Assert.NotNull(await _app.FindUserAsync("pv-start"));
    }

    [Fact]
    public async Task Two_starts_at_once_make_exactly_one_job()
    {
        var admin = await _app.AdminAsync();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var name = $"race-{attempt}.csv";
            var preview = await admin.PreviewAsync($"username,email\npv-race{attempt},pv-race{attempt}@example.com\n", name);
            var answers = await Task.WhenAll(admin.StartPreviewAsync(preview.Id), admin.StartPreviewAsync(preview.Id));
            Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.NotFound], answers.Select(a => a.StatusCode).Order());
            var jobs = (await admin.GetFromJsonAsync<JobListBody>("/api/jobs?limit=100"))!.Items;
            Assert.Single(jobs, j => j.Description.Contains(name, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_json_start_needs_a_preview_id()
    {
        var admin = await _app.AdminAsync();
        var missing = await admin.PostAsJsonAsync("/api/mass-actions/users-import", new { file = "username,email" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("previewId", (await missing.ProblemAsync()).Field);
        var unknown = await admin.PostAsJsonAsync("/api/mass-actions/users-import", new { previewId = "not-an-id" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.StartPreviewAsync(Guid.NewGuid())).StatusCode);
    }

    [Fact]
    public async Task The_multipart_import_still_works_beside_the_preview()
    {
        var admin = await _app.AdminAsync();
        var job = await admin.ImportJobAsync("username,email\npv-script,pv-script@example.com\n");
        await _app.RunQueuedJobsAsync();
        Assert.Equal("completed", (await admin.GetFromJsonAsync<JobBody>($"/api/jobs/{job.Id}"))!.Status);
        Assert.NotNull(await _app.FindUserAsync("pv-script"));
    }

    private string PreviewFolder(Guid id) => Path.Combine(_app.DataPath, "previews", id.ToString("N"));
}

/// <summary>A preview lives Offload:Import:PreviewLifetime, is refused after, and is swept with its files.</summary>
public sealed class ImportPreviewExpiryTests : IClassFixture<ImportPreviewExpiryTests.App>
{
    public sealed class App : IDisposable
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
        public OffloadApp Host { get; } = new();

        public App()
        {
            Host.Settings["Offload:Workers"] = "0";
            Host.Settings["Offload:Import:PreviewLifetime"] = "00:10:00";
            Host.TestServices = s => s.AddSingleton<TimeProvider>(Clock);
        }

        public void Dispose() => Host.Dispose();
    }

    private readonly App _fixture;

    public ImportPreviewExpiryTests(App fixture) => _fixture = fixture;

    [Fact]
    public async Task An_expired_preview_is_refused_then_swept_with_its_files()
    {
        var admin = await _fixture.Host.AdminAsync();
        var preview = await admin.PreviewAsync("username,email\npv-old,pv-old@example.com\n");
        Assert.Equal(_fixture.Clock.GetUtcNow().AddMinutes(10), preview.ExpiresAt);
        var folder = Path.Combine(_fixture.Host.DataPath, "previews", preview.Id.ToString("N"));

        _fixture.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{ImportPreviewApi.PreviewPath}/{preview.Id}")).StatusCode);
        _fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{ImportPreviewApi.PreviewPath}/{preview.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.StartPreviewAsync(preview.Id)).StatusCode);

        // The sweeper wakes each minute of the host's clock: the minutes just passed woke it.
        var until = DateTime.UtcNow.AddSeconds(30);
        while (Directory.Exists(folder) && DateTime.UtcNow < until)
        {
            _fixture.Clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(20);
        }
        Assert.False(Directory.Exists(folder), "the expired preview's folder is still there");
    }
}

/// <summary>Reads one line of the error log (RFC 4180 quoting).</summary>
internal static class CsvLine
{
    public static string[] Split(string line)
    {
        var values = new List<string>();
        var value = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { value.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { values.Add(value.ToString()); value.Clear(); }
            else value.Append(c);
        }
        values.Add(value.ToString());
        return [.. values];
    }
}
