using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Offload.Web.Tests;

/// <summary>
/// Exactly once, for an undo: the real host is SIGKILLed at random points of the undo of an enroll of 60,000 users and
/// restarted each time; every enrollment the enroll created must be removed once. An item reverted twice would show as an
/// error row (its second revert finds it changed), so the error rows must be exactly the items changed since.
/// </summary>
public sealed class UndoCrashTests(ITestOutputHelper output) : CrashTest(output, ChunkItems, maxKillDelayMs: 1)
{
    private const int Users = 60_000;
    // Six: an undo runs 48-item chunks in a fraction of a millisecond, so each kill lands hundreds to thousands of items past the
    // progress it waited for; more kills would race the undo's end on a busy machine.
    private const int Kills = 6;
    // Small chunks: the enroll writes 5,000 change records, the undo reverts them four to a chunk (UndoHandler.RevertsPerItem),
    // 1,250 chunks of 48 items for the kills to fall between.
    private const int ChunkItems = 12;

    [Fact]
    public async Task Killing_the_host_at_random_points_of_an_undo_reverts_every_item_exactly_once()
    {
        var plan = PlanKills(Kills, ChunkItems * 4);
        using var http = await StartAsync();
        await FinishAsync(http, await PostJobAsync(http, "/api/mass-actions/users-import", ImportForm()));
        var course = (await (await http.PostAsJsonAsync("/api/courses", new { code = "CRASH", title = "Crash" })).Content
            .ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var enroll = await PostJobAsync(http, "/api/mass-actions/enroll", JsonContent.Create(new { selection = new { filter = new { text = "undo" } }, courseIds = new[] { course } }));
        await FinishAsync(http, enroll);
        // Ten enrollments changed since: undo09990 to undo09999 unenrolled.
        await FinishAsync(http, await PostJobAsync(http, "/api/mass-actions/unenroll",
            JsonContent.Create(new { selection = new { filter = new { text = "undo0999" } }, courseIds = new[] { course } })));

        var undo = await PostJobAsync(http, $"/api/jobs/{enroll}/undo", null);
        await KillWhileRunningAsync(undo, plan);
        var done = await WaitCompletedAsync(http, undo, plan);
        Assert.Equal((Users, 10L), (done.Processed, done.ErrorCount));
        Assert.Equal(0L, await CountAsync($"SELECT count(*) FROM enrollments WHERE course_id = {course}"));
    }

    private static MultipartFormDataContent ImportForm()
    {
        var csv = new StringBuilder("username,email\n");
        for (var i = 0; i < Users; i++) csv.Append(CultureInfo.InvariantCulture, $"undo{i:00000},undo{i:00000}@example.com\n");
        return new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", "undo.csv" } };
    }
}
