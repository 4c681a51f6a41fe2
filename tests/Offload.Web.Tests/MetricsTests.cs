using System.Text;
using System.Text.RegularExpressions;
using Offload.Testing;

namespace Offload.Web.Tests;

/// <summary>
/// What an operator's Prometheus scrapes from a node (SPEC §8): items processed, pickup latency, outcomes and
/// queue depth. Runs the real process, because meters are process-wide and in-memory hosts share one process.
/// </summary>
public sealed class MetricsTests : IDisposable
{
    private const string Password = "metrics-admin-password";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "offload-metrics-" + Guid.NewGuid().ToString("N"));
    private readonly TestDatabase _db;

    public MetricsTests()
    {
        Directory.CreateDirectory(_data);
        _db = TestDatabase.CreateAsync(_data).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task A_scrape_shows_the_items_a_job_processed_its_pickup_its_outcome_and_an_empty_queue()
    {
        var settings = new Dictionary<string, string>(_db.Environment) { ["Offload__Bootstrap__AdminPassword"] = Password };
        using var host = await HostProcess.StartAsync(_data, settings);
        using var http = await host.SignInAsync(Password);
        var csv = new StringBuilder("username,email\n");
        for (var i = 0; i < 1234; i++) csv.Append($"metric{i},metric{i}@example.com\n");
        csv.Append("metric-bad,not-an-email\n");
        var job = await http.ImportJobAsync(csv.ToString());
        Assert.Equal("completed", (await http.WaitFinishedAsync(job.Id)).Status);

        using var scraper = new HttpClient { BaseAddress = host.Address }; // anonymous, as a scraper is
        var text = await scraper.GetStringAsync("/metrics");

        // Error rows are items processed too: the job went through all 1,235 of them.
        Assert.Equal(1235, Value(text, "offload_jobs_items_processed_total", "job_kind=\"users.import\""));
        Assert.Equal(1, Value(text, "offload_jobs_finished_total", "job_kind=\"users.import\"", "job_outcome=\"completed\""));
        Assert.Equal(1, Value(text, "offload_jobs_pickup_latency_seconds_count", "job_kind=\"users.import\""));
        Assert.Equal(0, Value(text, "offload_jobs_queue_depth", "job_status=\"queued\""));
        Assert.Equal(0, Value(text, "offload_jobs_queue_depth", "job_status=\"running\""));
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }

    /// <summary>The value of the one sample of <paramref name="name"/> carrying every label given.</summary>
    private static double Value(string scrape, string name, params string[] labels)
    {
        var samples = scrape.Split('\n')
            .Where(line => Regex.IsMatch(line, $"^{Regex.Escape(name)}[{{ ]") && labels.All(line.Contains))
            .ToList();
        Assert.True(samples.Count == 1, $"expected one sample of {name} {{{string.Join(",", labels)}}} in:\n{scrape}");
        // "name{labels} value [timestamp]"
        var value = samples[0][(samples[0].LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
        return double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        _db.DropAsync().GetAwaiter().GetResult();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }
}
