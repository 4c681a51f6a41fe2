using System.Net;

namespace Offload.Web.Tests;

/// <summary>
/// Downloads are safe to open: the error log and the export are attachments under names built from the job
/// id (never from the uploaded file's name), sent as text/csv with nosniff, and every cell a spreadsheet
/// would run as a formula (= + - @ tab CR) is neutralized with a leading quote.
/// </summary>
public sealed class DownloadSafetyTests(OffloadApp app) : IClassFixture<OffloadApp>
{
    private static readonly string[] Formulas = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\tTAB", "\rCR", "=HYPERLINK(\"http://x\")"];

    [Fact]
    public async Task The_error_log_has_a_name_of_ours_and_no_cell_a_spreadsheet_would_run()
    {
        var admin = await app.AdminAsync();
        // Every formula lands in the log twice: as the bad email's value and as the bad username's.
        var csv = "username,email\n" + string.Concat(Formulas.Select((f, i) => $"\"{f.Replace("\"", "\"\"")}\",\"{f.Replace("\"", "\"\"")}\"\n"));
        var job = await admin.ImportJobAsync(csv, "..\\evil; filename=evil.html .csv");
        Assert.Equal("completed", (await admin.WaitFinishedAsync(job.Id)).Status);

        var response = await admin.GetAsync($"/api/jobs/{job.Id}/errors.csv");
        AssertSafeDownload(response, $"errors-{job.Id:N}.csv");
        AssertNoFormula(Cells(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_export_has_a_name_of_ours_and_no_cell_a_spreadsheet_would_run()
    {
        var admin = await app.AdminAsync();
        var ids = new List<long>();
        foreach (var (formula, i) in Formulas.Select((f, i) => (f, i)))
            ids.Add(await app.AddUserAsync($"dl-export{i}", "user", firstName: formula));
        var response = await admin.PostAsync("/api/mass-actions/users-export", System.Net.Http.Json.JsonContent.Create(
            new { selection = new { userIds = ids }, columns = new[] { "username", "firstname" } }));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<CreatedBody>(response.Content))!.Job;
        Assert.Equal("completed", (await admin.WaitFinishedAsync(job.Id)).Status);

        var download = await admin.GetAsync($"/api/jobs/{job.Id}/result");
        AssertSafeDownload(download, $"export-{job.Id:N}.csv");
        var cells = Cells(await download.Content.ReadAsStringAsync());
        AssertNoFormula(cells);
        foreach (var formula in Formulas) Assert.Contains("'" + formula, cells);
    }

    private static void AssertNoFormula(List<string> cells)
    {
        Assert.Contains(cells, c => c.StartsWith("'=", StringComparison.Ordinal)); // the payloads did come through, neutralized
        Assert.DoesNotContain(cells, c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@' or '\t' or '\r');
    }

    /// <summary>Every cell of an RFC 4180 file, unquoted, the way a spreadsheet reads it.</summary>
    private static List<string> Cells(string csv)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var ch = csv[i];
            if (quoted && ch == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i++; }
            else if (ch == '"') quoted = !quoted;
            else if (!quoted && ch is ',' or '\n') { cells.Add(cell.ToString().TrimEnd('\r')); cell.Clear(); }
            else cell.Append(ch);
        }
        return cells;
    }

    private static void AssertSafeDownload(HttpResponseMessage response, string expectedName)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal(expectedName, (disposition.FileNameStar ?? disposition.FileName)!.Trim('"'));
        Assert.Matches("^[a-z]+-[0-9a-f]{32}\\.csv$", expectedName);
    }
}
