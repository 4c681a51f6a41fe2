using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Offload.Bench.Harness;
using Offload.Bench.Host;
using Offload.Bench.Offload;

namespace Offload.Bench.Scenarios;

/// <summary>
/// A job's detail over HTTP (GET /api/jobs/{id}: the job, its elapsed time and ETA, its follow-ups' index, its errors by
/// reason) for a finished import with errors, among a million stored jobs (bulk-loaded as the list scenario does).
/// </summary>
internal sealed class JobDetailScenario : IScenario
{
    public string Name => "detail";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchSizes sizes)
    {
        var table = new Table($"A job's detail, with {Format.Count(sizes.ListJobs)} jobs stored",
            "200 sequential `GET /api/jobs/{id}` of a finished import with 200 error rows of five reasons, through the real host's " +
            "HTTP API, bearer token. Target: p50 ≤ 10 ms, as the list.",
            "store", "p50", "p99", "target");
        foreach (var store in sizes.Stores)
        {
            using var data = new Scratch("detail");
            var connection = await MigratedDatabase.CreateAsync(store, data);
            await using (var host = await BenchHost.StartAsync(store, connection, data.Path))
            {
                using var http = await BenchHost.SignInAsync(host);
                await JobsListScenario.LoadJobsAsync(store, connection, sizes.ListJobs);
                var id = await ImportWithErrorsAsync(http);
                var ms = await JobsListScenario.TimeAsync(http, $"/api/jobs/{id}");
                var p50 = Latencies.Percentile(ms, 50);
                table.Add(store == BenchStore.Sqlite ? "SQLite" : "PostgreSQL", Format.Ms(p50), Format.Ms(Latencies.Percentile(ms, 99)),
                    Format.Verdict(p50 <= 10));
            }
            await MigratedDatabase.DropAsync(store, connection);
        }
        return [table];
    }

    /// <summary>1,000 rows, one in five failing, each failing row for one of five reasons.</summary>
    private static async Task<string> ImportWithErrorsAsync(HttpClient http)
    {
        string[] faults = ["{0},not-an-email,en", "{0},{0}@example.com,de", "{0} x,{0}@example.com,en", "{0},{0}@example.com,xx", "{0},,en"];
        var csv = new StringBuilder("username,email,language\n");
        for (var i = 0; i < 1000; i++)
            csv.AppendLine(i % 5 == 0 ? string.Format(null, faults[i / 5 % faults.Length], $"d{i}") : $"d{i},d{i}@example.com,en");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", "detail.csv" } };
        var response = await http.PostAsync("/api/mass-actions/users-import", form);
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetProperty("id").GetString()!;
        await http.WaitFinishedAsync(id, TimeSpan.FromMinutes(5));
        return id;
    }
}
