using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Offload.Platform.Users;

namespace Offload.Web.Tests;

/// <summary>
/// The error-rate stop (SPEC §10) through real HTTP on the store the run is for: an import of the wrong file stops after
/// its first thousand rows and says why; a good file runs to the end; scripts choose another rule or none, and a number
/// out of range is a 400 naming it.
/// </summary>
public sealed class StopOnErrorsTests(ManualApp fixture) : IClassFixture<ManualApp>
{
    private readonly OffloadApp _app = fixture.App;

    /// <summary><paramref name="rows"/> users named after <paramref name="prefix"/>; all but every <paramref name="goodEvery"/>-th name a branch that does not exist.</summary>
    private static string Csv(string prefix, int rows, int goodEvery)
    {
        var csv = new StringBuilder("username,email,branch\n");
        for (var i = 0; i < rows; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{prefix}{i},{prefix}{i}@example.com,{(i % goodEvery == 0 ? "" : "Nowhere")}\n");
        return csv.ToString();
    }

    private async Task<JsonElement> RunAsync(HttpClient client, Guid id)
    {
        await _app.RunQueuedJobsAsync();
        return await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
    }

    private static async Task<Guid> AcceptedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetProperty("id").GetGuid();
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv, params (string Name, string Value)[] fields)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "people.csv" } };
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        return await client.PostAsync("/api/mass-actions/users-import", form);
    }

    [Fact]
    public async Task An_import_of_the_wrong_file_stops_after_its_first_thousand_rows_and_its_notice_says_why()
    {
        var admin = await _app.AdminAsync();
        var id = await AcceptedAsync(await ImportAsync(admin, Csv("wrong", 3000, goodEvery: 10)));
        var job = await RunAsync(admin, id);
        Assert.Equal("aborted", job.GetProperty("status").GetString());
        Assert.Equal("errorRate", job.GetProperty("stopReason").GetString());
        // The chunk that reaches the first thousand rows ends there: the rule is judged on exactly them.
        Assert.Equal(1000, job.GetProperty("processed").GetInt64());
        Assert.Equal(900, job.GetProperty("errorCount").GetInt64());
        Assert.Equal(50, job.GetProperty("stopOnErrors").GetProperty("percent").GetInt32());
        Assert.Equal(1000, job.GetProperty("stopOnErrors").GetProperty("after").GetInt64());
        Assert.Equal("Stopped: more than 50% of the first 1,000 rows failed (900 of them).", job.GetProperty("stopDetail").GetString());
        // The hundred good rows of those thousand were imported; nothing after them.
        var users = _app.Services.GetRequiredService<IUserStore>();
        Assert.NotNull(await users.FindByUsernameAsync(new FindUserRequest("wrong990"), default));
        Assert.Null(await users.FindByUsernameAsync(new FindUserRequest("wrong1000"), default));
        var notices = (await admin.GetFromJsonAsync<NotificationListBody>("/api/notifications"))!;
        var notice = notices.Items.Single(n => n.JobId == id);
        Assert.Equal("Import of people.csv (3,000 rows) — stopped: too many errors, 900 errors", notice.Title);

        // In French, and on the job's page and the list, beside the error log's link.
        var french = await admin.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}?culture=fr");
        Assert.Equal("Arrêtée : plus de 50 % des 1 000 premières lignes ont échoué (900 lignes en échec).",
            french.GetProperty("stopDetail").GetString()!.Replace('\u202f', ' ').Replace('\u00a0', ' '));
        Assert.Contains("Stopped: more than 50% of the first 1,000 rows failed (900 of them).", await admin.GetStringAsync($"/jobs/{id}?culture=en"));
        Assert.Contains("Stopped: more than 50% of the first 1,000 rows failed (900 of them).", await admin.GetStringAsync("/jobs"));

        // A retry of its failed rows runs under the same rule.
        var retry = await admin.PostAsync($"/api/jobs/{id}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var retried = (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job");
        Assert.Equal(50, retried.GetProperty("stopOnErrors").GetProperty("percent").GetInt32());
        await _app.RunQueuedJobsAsync();
    }

    [Fact]
    public async Task A_good_file_is_not_stopped_and_a_script_may_turn_the_stop_off()
    {
        var admin = await _app.AdminAsync();
        var good = await RunAsync(admin, await AcceptedAsync(await ImportAsync(admin, Csv("good", 3000, goodEvery: 1))));
        Assert.Equal(("completed", 3000L), (good.GetProperty("status").GetString(), good.GetProperty("processed").GetInt64()));
        Assert.Equal(JsonValueKind.Null, good.GetProperty("stopReason").ValueKind);

        var off = await RunAsync(admin, await AcceptedAsync(await ImportAsync(admin, Csv("off", 1500, goodEvery: 1000), ("stopOnErrors", "false"))));
        Assert.Equal(("completed", 1500L), (off.GetProperty("status").GetString(), off.GetProperty("processed").GetInt64()));
        Assert.Equal(JsonValueKind.Null, off.GetProperty("stopOnErrors").ValueKind);

        // From a preview: the default unless the start says otherwise.
        var preview = await admin.PreviewAsync(Csv("previewed", 10, 1));
        var fromPreview = await AcceptedAsync(await admin.PostAsJsonAsync("/api/mass-actions/users-import",
            new { previewId = preview.Id, stopOnErrors = new { percent = 90, after = 5 } }));
        var started = await RunAsync(admin, fromPreview);
        Assert.Equal(90, started.GetProperty("stopOnErrors").GetProperty("percent").GetInt32());
        Assert.Equal(5, started.GetProperty("stopOnErrors").GetProperty("after").GetInt64());
    }

    [Fact]
    public async Task An_action_on_a_selection_stops_under_the_rule_it_was_given()
    {
        var admin = await _app.AdminAsync();
        // Users that do not exist: each one an error row.
        var ids = Enumerable.Range(0, 40).Select(i => 9_000_000L + i).ToArray();
        var id = await AcceptedAsync(await admin.PostAsJsonAsync("/api/mass-actions/users-status",
            new { selection = new { userIds = ids }, active = false, stopOnErrors = new { percent = 50, after = 10 } }));
        var job = await RunAsync(admin, id);
        Assert.Equal(("aborted", "errorRate"), (job.GetProperty("status").GetString(), job.GetProperty("stopReason").GetString()));
        Assert.Equal(10, job.GetProperty("processed").GetInt64());
        Assert.Equal("Stopped: more than 50% of the first 10 items failed (10 of them).", job.GetProperty("stopDetail").GetString());

        // None by default.
        var plain = await RunAsync(admin, await AcceptedAsync(await admin.PostAsJsonAsync("/api/mass-actions/users-status",
            new { selection = new { userIds = ids }, active = false })));
        Assert.Equal(("completed", 40L), (plain.GetProperty("status").GetString(), plain.GetProperty("processed").GetInt64()));
    }

    public static TheoryData<string, string> BadRules => new()
    {
        { """{"percent": 0, "after": 10}""", "stopOnErrors.percent" },
        { """{"percent": 101, "after": 10}""", "stopOnErrors.percent" },
        { """{"percent": 12.5, "after": 10}""", "stopOnErrors.percent" },
        { """{"percent": 50, "after": 0}""", "stopOnErrors.after" },
        { """{"percent": 50}""", "stopOnErrors.after" },
        { "true", "stopOnErrors" },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public async Task A_rule_out_of_range_is_a_400_naming_its_field(string rule, string field)
    {
        var admin = await _app.AdminAsync();
        var body = new StringContent($$"""{"selection": {"userIds": [1]}, "courseIds": [1], "stopOnErrors": {{rule}}}""", Encoding.UTF8, "application/json");
        var response = await admin.PostAsync("/api/mass-actions/enroll", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.ProblemAsync()).Field);
    }

    [Fact]
    public async Task An_import_form_with_a_rule_out_of_range_is_a_400_and_starts_nothing()
    {
        var admin = await _app.AdminAsync();
        var percent = await ImportAsync(admin, Csv("bad", 5, 1), ("stopOnErrors.percent", "101"), ("stopOnErrors.after", "10"));
        Assert.Equal(HttpStatusCode.BadRequest, percent.StatusCode);
        Assert.Equal("stopOnErrors.percent", (await percent.ProblemAsync()).Field);
        var after = await ImportAsync(admin, Csv("bad", 5, 1), ("stopOnErrors.percent", "50"), ("stopOnErrors.after", "none"));
        Assert.Equal("stopOnErrors.after", (await after.ProblemAsync()).Field);
        var flag = await ImportAsync(admin, Csv("bad", 5, 1), ("stopOnErrors", "true"));
        Assert.Equal("stopOnErrors", (await flag.ProblemAsync()).Field);
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JobListBody>("/api/jobs?scope=mine"))!.Items, j => j.Description.Contains("(5 rows)"));
    }
}
