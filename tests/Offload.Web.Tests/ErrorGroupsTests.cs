using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Offload.Web.Tests;

public sealed record ErrorGroupsBody(List<ErrorGroupBody> Items, long OtherGroups, long OtherCount);

/// <summary>GET /api/jobs/{id}/error-groups: a finished job's errors by reason, as kept while its chunks committed.</summary>
public sealed class ErrorGroupsTests(OffloadApp app) : IClassFixture<OffloadApp>
{
    private const string InvalidEmail = "The email address is not valid.";
    private const string InvalidLanguage = "The language must be 'en' or 'fr'.";
    private const string InvalidUsername = "The username may only contain letters, digits and . _ - @";

    [Fact]
    public async Task An_import_over_several_chunks_is_summed_up_by_reason_as_its_error_log_would_be()
    {
        var admin = await app.AdminAsync();
        // 4,500 rows (three chunks of 2,000 at most): every 3rd email, every 5th language and every 7th username is wrong.
        var csv = new StringBuilder("username,email,language\n");
        for (var i = 1; i <= 4500; i++)
            csv.Append($"eg{(i % 7 == 0 ? " " : "-")}{i},{(i % 3 == 0 ? "not-an-email" : $"eg{i}@example.com")},{(i % 5 == 0 ? "de" : "en")}\n");
        // More than half the rows fail (54%): the import's default error-rate stop is turned off, so it runs to the end.
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", "groups.csv" },
            { new StringContent("false"), "stopOnErrors" },
        };
        var job = (await (await admin.PostAsync("/api/mass-actions/users-import", form)).Content.ReadFromJsonAsync<CreatedBody>())!.Job;
        var done = await admin.WaitFinishedAsync(job.Id, TimeSpan.FromMinutes(2));
        Assert.Equal("completed", done.Status);

        var groups = (await admin.GetFromJsonAsync<ErrorGroupsBody>($"/api/jobs/{job.Id}/error-groups"))!;
        Assert.Equal([("email", InvalidEmail, 1500L), ("language", InvalidLanguage, 900L), ("username", InvalidUsername, 642L)],
            groups.Items.Select(g => (g.Field, g.Message, g.Count)));
        Assert.Equal([4L, 7L, 10L, 13L, 16L], groups.Items[0].SampleRows); // the header is row 1
        Assert.Equal((0L, 0L), (groups.OtherGroups, groups.OtherCount));
        Assert.Equal(done.ErrorCount, groups.Items.Sum(g => g.Count));

        // The same groups, counts and first rows as grouping the error log itself.
        var fromLog = (await admin.ErrorLinesAsync(job.Id)).Select(Parse)
            .GroupBy(e => (e.Field, e.Message))
            .Select(g => $"{g.Key.Field}|{g.Key.Message}|{g.Count()}|{string.Join(' ', g.Select(e => e.Row).Order().Take(5))}").Order();
        Assert.Equal(fromLog, groups.Items.Select(g => $"{g.Field}|{g.Message}|{g.Count}|{string.Join(' ', g.SampleRows)}").Order());

        var top1 = (await admin.GetFromJsonAsync<ErrorGroupsBody>($"/api/jobs/{job.Id}/error-groups?limit=1"))!;
        Assert.Equal(InvalidEmail, Assert.Single(top1.Items).Message);
        Assert.Equal((2L, 900L + 642L), (top1.OtherGroups, top1.OtherCount));

        var french = (await admin.GetFromJsonAsync<ErrorGroupsBody>($"/api/jobs/{job.Id}/error-groups?culture=fr"))!;
        Assert.Equal("L'adresse e-mail n'est pas valide.", french.Items[0].Message);
    }

    /// <summary>One error log line (row,field,message,value), the message possibly quoted.</summary>
    private static (long Row, string Field, string Message) Parse(string line)
    {
        var parts = line.Split(',', 3);
        var message = parts[2].StartsWith('"') ? parts[2][1..parts[2].IndexOf('"', 1)] : parts[2][..parts[2].LastIndexOf(',')];
        return (long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1], message);
    }

    [Fact]
    public async Task Ids_that_no_longer_exist_are_one_reason_whatever_the_id()
    {
        var admin = await app.AdminAsync();
        var job = await admin.StartAsync("users-export", new { selection = new { userIds = new[] { 990_001L, 990_002L, 990_003L } } });
        await admin.WaitFinishedAsync(job.Id);

        var group = Assert.Single((await admin.GetFromJsonAsync<ErrorGroupsBody>($"/api/jobs/{job.Id}/error-groups"))!.Items);
        Assert.Equal(("userId", "This user no longer exists.", 3L, "1,2,3"), (group.Field, group.Message, group.Count, string.Join(',', group.SampleRows)));
        var french = Assert.Single((await admin.GetFromJsonAsync<ErrorGroupsBody>($"/api/jobs/{job.Id}/error-groups?culture=fr"))!.Items);
        Assert.Equal("Cet utilisateur n'existe plus.", french.Message);
    }

    [Fact]
    public async Task A_job_without_errors_has_no_groups()
    {
        var admin = await app.AdminAsync();
        var job = await admin.ImportJobAsync("username,email\neg-clean,eg-clean@example.com\n");
        await admin.WaitFinishedAsync(job.Id);
        var groups = (await admin.GetFromJsonAsync<ErrorGroupsBody>($"/api/jobs/{job.Id}/error-groups"))!;
        Assert.Equal((0, 0L, 0L), (groups.Items.Count, groups.OtherGroups, groups.OtherCount));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-5")]
    public async Task A_limit_outside_1_to_100_is_refused_with_the_field_at_fault(string limit)
    {
        var admin = await app.AdminAsync();
        var job = await admin.ImportJobAsync("username,email\neg-limit,bad\n");
        var response = await admin.GetAsync($"/api/jobs/{job.Id}/error-groups?limit={limit}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(("limit", "Limit out of range"), (problem.Field, problem.Title));
    }

    [Fact]
    public async Task Another_power_users_job_and_an_unknown_id_are_not_found()
    {
        var admin = await app.AdminAsync();
        var branch = await admin.CreateBranchAsync("Groups branch");
        var (owner, _) = await app.UserAsync("eg-pu-a", "poweruser", branch.Id);
        var (other, _) = await app.UserAsync("eg-pu-b", "poweruser", branch.Id);
        var job = await owner.StartAsync("users-export", new { selection = new { userIds = new[] { 990_004L } } });
        await owner.WaitFinishedAsync(job.Id);

        Assert.Single((await owner.GetFromJsonAsync<ErrorGroupsBody>($"/api/jobs/{job.Id}/error-groups"))!.Items);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/jobs/{job.Id}/error-groups")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/jobs/{Guid.NewGuid()}/error-groups")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/jobs/not-an-id/error-groups")).StatusCode);
    }
}
