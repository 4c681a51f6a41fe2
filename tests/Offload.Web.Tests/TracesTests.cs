using System.Diagnostics;
using System.Text;
using OpenTelemetry.Trace;

namespace Offload.Web.Tests;

/// <summary>
/// What an operator's tracing backend receives (issue 21): the request that created a job, the job's run as a span
/// linked to it (not its child: the run happens later, maybe elsewhere), a child span per chunk with its counts, and
/// Npgsql's commands under the chunks — ids and counts only. Read from an in-memory exporter beside the OTLP one.
/// </summary>
public sealed class TracesTests
{
    private const string FileName = "traced-people.csv";

    [Fact]
    public async Task A_job_run_is_linked_to_the_request_that_created_it_and_has_a_child_span_per_chunk()
    {
        var spans = new List<Activity>();
        using var app = new OffloadApp();
        // Tracing is on only when an OTLP endpoint is set; nothing listens on the discard port, and the spans are read here.
        app.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9";
        app.Settings["Offload:ChunkSize"] = "40";
        app.TestServices = services => services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
        using var admin = await app.AdminByTokenAsync();
        var traceId = ActivityTraceId.CreateRandom();
        admin.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        var csv = new StringBuilder("username,email\n");
        for (var i = 0; i < 99; i++) csv.Append($"tracee{i},tracee{i}@example.com\n");
        csv.Append("tracee-bad,not-an-email\n");
        var job = await admin.ImportJobAsync(csv.ToString(), FileName);
        Assert.Equal("completed", (await admin.WaitFinishedAsync(job.Id)).Status);

        var jobId = job.Id.ToString();
        var run = await WaitForAsync(spans, s => s.OperationName == "job run" && Tag(s, "offload.job.id") == jobId);
        var all = Snapshot(spans);
        var request = all.Single(s => s.TraceId == traceId && s.Kind == ActivityKind.Server && Tag(s, "http.route") == "/api/mass-actions/users-import");

        // Linked to the request, in a trace of its own.
        var link = Assert.Single(run.Links);
        Assert.Equal((request.TraceId, request.SpanId), (link.Context.TraceId, link.Context.SpanId));
        Assert.NotEqual(request.TraceId, run.TraceId);
        Assert.Equal(default, run.ParentSpanId);
        Assert.Equal(("users.import", "completed", "100", "1"),
            (Tag(run, "offload.job.kind"), Tag(run, "offload.job.outcome"), Tag(run, "offload.job.items"), Tag(run, "offload.job.errors")));

        // Chunks: children of the run, one after the other from item 0, adding up to the job.
        var chunks = all.Where(s => s.OperationName == "job chunk" && s.ParentSpanId == run.SpanId).OrderBy(s => long.Parse(Tag(s, "offload.chunk.start")!)).ToList();
        Assert.True(chunks.Count >= 3, $"{chunks.Count} chunk spans for 100 rows in chunks of at most 40");
        var next = 0L;
        foreach (var chunk in chunks)
        {
            Assert.Equal((jobId, next.ToString()), (Tag(chunk, "offload.job.id"), Tag(chunk, "offload.chunk.start")));
            var items = long.Parse(Tag(chunk, "offload.chunk.items")!);
            Assert.InRange(items, 1, 40);
            next += items;
        }
        Assert.Equal(100, next);
        Assert.Equal(1, chunks.Sum(c => long.Parse(Tag(c, "offload.chunk.errors")!)));

        if (app.Database.Store == "postgres")
            Assert.Contains(all, s => s.Source.Name == "Npgsql" && chunks.Any(c => c.SpanId == s.ParentSpanId));

        // No personal data: neither who started it, nor the file, nor anything from its rows.
        foreach (var span in chunks.Append(run).Append(request))
        foreach (var (key, value) in span.Tags)
        foreach (var secret in new[] { "admin", FileName, "tracee" })
            Assert.False(value?.Contains(secret, StringComparison.OrdinalIgnoreCase) == true, $"{span.OperationName}: {key} = {value}");
    }

    private static string? Tag(Activity span, string key) => span.GetTagItem(key)?.ToString();

    /// <summary>The spans exported so far: the exporter adds to the list from the workers' threads.</summary>
    private static List<Activity> Snapshot(List<Activity> spans)
    {
        lock (spans) return [.. spans.ToArray().Where(s => s is not null)];
    }

    /// <summary>A run's span ends just after the job's end is committed, so a moment after the API says it finished.</summary>
    private static async Task<Activity> WaitForAsync(List<Activity> spans, Func<Activity, bool> match)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (Snapshot(spans).FirstOrDefault(match) is { } found) return found;
            Assert.True(DateTime.UtcNow < until, "no such span was exported");
            await Task.Delay(20);
        }
    }
}
