using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Xunit.Abstractions;

namespace Offload.Web.Tests;

/// <summary>
/// Exactly once, for an import's undo: the real host is SIGKILLed at random points of the undo of an import that created
/// 38,000 users and updated 2,000, and restarted each time; every user must be reverted once. An item reverted twice would
/// show as an error row (a created user deleted twice is gone; an updated one restored twice no longer matches what the
/// import left), so the error rows must be exactly the users edited by hand.
/// </summary>
public sealed class ImportUndoCrashTests(ITestOutputHelper output) : CrashTest(output, ChunkItems)
{
    private const int Existing = 2_000;
    private const int Rows = 40_000;
    private const int Kills = 6;
    // Small chunks: the import writes 3,334 chunks of change records, the undo reverts them four to a chunk
    // (UndoHandler.RevertsPerItem) — long enough that the undo cannot end, on a quiet machine, between the moment the test
    // sees its progress and the kill.
    private const int ChunkItems = 12;

    [Fact]
    public async Task Killing_the_host_at_random_points_of_an_import_undo_reverts_every_user_exactly_once()
    {
        var plan = PlanKills(Kills, ChunkItems * 2);
        using var http = await StartAsync();
        await FinishAsync(http, await ImportAsync(http, Existing, "old", update: false));
        var import = await ImportAsync(http, Rows, "new", update: true);
        await FinishAsync(http, import);
        // Three users edited by hand since: one the import updated, two it created.
        foreach (var username in new[] { "iu00007", "iu05000", "iu09999" }) await EditByHandAsync(http, username);

        var undo = await PostJobAsync(http, $"/api/jobs/{import}/undo", null);
        await KillWhileRunningAsync(undo, plan);
        var done = await WaitCompletedAsync(http, undo, plan);
        Assert.Equal(((long)Rows, 3L), (done.Processed, done.ErrorCount));
        Assert.Equal(Existing + 2L, await CountAsync("SELECT count(*) FROM users WHERE username LIKE 'iu%'"));
        Assert.Equal(Existing - 1L, await CountAsync("SELECT count(*) FROM users WHERE username LIKE 'iu%' AND email LIKE 'old-%' AND first_name = ''"));
        Assert.Equal(3L, await CountAsync("SELECT count(*) FROM users WHERE first_name = 'Hand'"));
    }

    private static async Task EditByHandAsync(HttpClient http, string username)
    {
        var u = (await http.GetFromJsonAsync<UserListBody>($"/api/users?text={username}"))!.Items.Single(u => u.Username == username);
        var response = await http.PutAsJsonAsync($"/api/users/{u.Id}", new
        {
            u.Username, u.Email, firstName = "Hand", u.LastName, u.Language, u.Active, u.Role, u.BranchIds,
        });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<Guid> ImportAsync(HttpClient http, int rows, string email, bool update)
    {
        var csv = new StringBuilder(update ? "username,email,firstname\n" : "username,email\n");
        for (var i = 0; i < rows; i++)
            csv.Append(CultureInfo.InvariantCulture, $"iu{i:00000},{email}-iu{i:00000}@example.com{(update ? ",New" : "")}\n");
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", $"{email}.csv" } };
        if (update) form.Add(new StringContent("true"), "updateExisting");
        return PostJobAsync(http, "/api/mass-actions/users-import", form);
    }
}
