using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Offload.Platform.Identity;

namespace Offload.Web.Tests;

/// <summary>
/// Finding jobs through GET /api/jobs (SPEC §10) on the real host: each filter, what a Power User can never reach
/// through any of them, and bad values named. No workers: every job stays queued. Both stores (OFFLOAD_TEST_STORE).
/// </summary>
public sealed class JobFindTests(ManualApp fixture) : IClassFixture<ManualApp>
{
    private readonly OffloadApp _app = fixture.App;
    private const string Csv = "username,email\nj1,j1@example.com\n";

    private static string Day(int fromToday) => DateTime.UtcNow.Date.AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<List<Guid>> IdsAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/jobs?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JobListBody>())!.Items.Select(j => j.Id)];
    }

    [Fact]
    public async Task A_superadmin_finds_jobs_by_owner_kind_dates_and_file_name()
    {
        var (lea, _) = await _app.UserAsync("find-lea", Roles.PowerUser);
        var (max, _) = await _app.UserAsync("find-max", Roles.PowerUser);
        var admin = await _app.AdminAsync();
        var leas = await lea.ImportJobAsync(Csv, "lyon-staff-2026.csv");
        var maxs = await max.ImportJobAsync(Csv, "nice-staff-2026.csv");

        Assert.Equal([leas.Id], await IdsAsync(admin, "owner=FIND-LEA"));
        Assert.Equal([leas.Id], await IdsAsync(admin, "q=LYON-staff"));
        Assert.Equal([maxs.Id, leas.Id], await IdsAsync(admin, "q=-staff-2026.csv&kind=users.import&status=queued"));
        Assert.Empty(await IdsAsync(admin, "q=-staff-2026&kind=users.export"));
        Assert.Equal([maxs.Id], await IdsAsync(admin, $"q=staff-2026&owner=find-max&from={Day(-1)}&to={Day(0)}"));
        Assert.Empty(await IdsAsync(admin, $"q=staff-2026&to={Day(-1)}"));
        Assert.Empty(await IdsAsync(admin, $"q=staff-2026&from={Day(1)}"));
        Assert.Empty(await IdsAsync(admin, "owner=nobody-has-this-name"));
        // My jobs and another owner: both hold, so nothing.
        Assert.Empty(await IdsAsync(admin, "scope=mine&owner=find-lea"));
        // The cursor keeps the filters: one job a page.
        var first = (await admin.GetFromJsonAsync<JobListBody>($"/api/jobs?q=staff-2026&from={Day(-1)}&limit=1"))!;
        Assert.Equal(maxs.Id, Assert.Single(first.Items).Id);
        Assert.Equal([leas.Id], await IdsAsync(admin, $"q=staff-2026&from={Day(-1)}&limit=1&cursor={first.NextCursor}"));
    }

    [Fact]
    public async Task A_power_user_never_sees_another_persons_job_through_any_filter()
    {
        var (eve, _) = await _app.UserAsync("find-eve", Roles.PowerUser);
        var (tom, _) = await _app.UserAsync("find-tom", Roles.PowerUser);
        var eves = await eve.ImportJobAsync(Csv, "eve-secret.csv");
        var toms = await tom.ImportJobAsync(Csv, "tom-secret.csv");

        foreach (var query in new[]
                 {
                     "owner=find-tom", "owner=find-tom&scope=all", "q=tom-secret", "q=secret&scope=all", "kind=users.import&scope=all",
                     $"from={Day(-1)}&scope=all", $"to={Day(0)}&status=queued", "owner=admin", "owner=no-such-user",
                 })
            Assert.DoesNotContain(toms.Id, await IdsAsync(eve, query));
        Assert.Empty(await IdsAsync(eve, "owner=find-tom"));
        Assert.Equal([eves.Id], await IdsAsync(eve, "q=secret&scope=all"));
        Assert.Equal([eves.Id], await IdsAsync(eve, "owner=FIND-EVE&kind=users.import"));
    }

    [Theory]
    [InlineData("kind=users.nothing", "kind")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("from=2026-12-02&to=2026-12-01", "to")]
    [InlineData("status=paused-forever", "status")]
    public async Task Bad_filters_are_a_400_naming_the_field(string query, string field)
    {
        var admin = await _app.AdminAsync();
        var response = await admin.GetAsync($"/api/jobs?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(field, problem.Field);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title));
    }

    [Fact]
    public async Task Overlong_text_and_owner_are_refused_without_being_echoed()
    {
        var admin = await _app.AdminAsync();
        foreach (var field in new[] { "q", "owner" })
        {
            var response = await admin.GetAsync($"/api/jobs?{field}={new string('x', 500)}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.ProblemAsync();
            Assert.Equal(field, problem.Field);
            Assert.DoesNotContain("xxxxxxxxxx", problem.Detail);
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/jobs?q={new string('x', 100)}")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_kind_names_the_kinds_there_are()
    {
        var admin = await _app.AdminAsync();
        var problem = await (await admin.GetAsync("/api/jobs?kind=import")).ProblemAsync();
        Assert.Contains("users.import", problem.Detail);
        Assert.Contains("enrollments.create", problem.Detail);
    }
}
