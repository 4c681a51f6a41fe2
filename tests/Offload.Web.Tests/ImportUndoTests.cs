using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Offload.Web.Tests;

/// <summary>
/// POST /api/jobs/{id}/undo of a CSV import, over real HTTP on the store under test: the users it created are deleted, the
/// ones it updated get every earlier value back (branch included), and a user edited by hand since is left alone, an
/// error row "changed since".
/// </summary>
public sealed class ImportUndoTests(UndoApp fixture) : IClassFixture<UndoApp>
{
    private const string ChangedSince = "Changed since the original job; left as it is.";
    private readonly OffloadApp _app = fixture.App;

    private async Task<JobBody> RunAsync(HttpClient client, Guid id)
    {
        await _app.RunQueuedJobsAsync();
        return (await client.GetFromJsonAsync<JobBody>($"/api/jobs/{id}"))!;
    }

    private static Task<UserBody?> UserAsync(HttpClient admin, long id) => admin.GetFromJsonAsync<UserBody>($"/api/users/{id}");

    [Fact]
    public async Task Undoing_an_import_deletes_the_users_it_created_restores_those_it_updated_and_leaves_those_edited_since()
    {
        var admin = await _app.AdminAsync();
        var branch = await admin.CreateBranchAsync("Import undo branch");
        var existing = new List<UserBody>();
        for (var i = 0; i < 40; i++) existing.Add(await admin.CreateUserAsync($"iu-old-{i:00}"));
        var csv = new StringBuilder("username,email,firstname,language,active,branch\n");
        foreach (var u in existing) csv.Append($"{u.Username.ToUpperInvariant()},new-{u.Email},New,fr,false,{branch.Name}\n");
        for (var i = 0; i < 60; i++) csv.Append($"iu-new-{i:00},iu-new-{i:00}@example.com,Fresh,en,true,\n");
        var import = await admin.ImportJobAsync(csv.ToString(), "undo-me.csv", updateExisting: true);
        var imported = await RunAsync(admin, import.Id);
        Assert.Equal(("completed", 0L), (imported.Status, imported.ErrorCount));
        var created = (await admin.GetFromJsonAsync<UserListBody>("/api/users?text=iu-new-&limit=500"))!.Items.OrderBy(u => u.Username).ToList();
        Assert.Equal(60, created.Count);
        var updated = (await UserAsync(admin, existing[5].Id))!;
        Assert.Equal(("new-iu-old-05@example.com", "New", "fr", false, branch.Id), (updated.Email, updated.FirstName, updated.Language, updated.Active, updated.BranchIds.Single()));
        // Edited by hand since: two updated users (a name, a status), one created user (an email).
        await EditAsync(admin, existing[3].Id, u => new { u.Username, u.Email, firstName = "Hand", u.LastName, u.Language, u.Active, u.Role, u.BranchIds });
        await EditAsync(admin, existing[17].Id, u => new { u.Username, u.Email, u.FirstName, u.LastName, u.Language, active = true, u.Role, u.BranchIds });
        await EditAsync(admin, created[42].Id, u => new { u.Username, email = "hand@example.com", u.FirstName, u.LastName, u.Language, u.Active, u.Role, u.BranchIds });

        var response = await admin.PostAsync($"/api/jobs/{import.Id}/undo", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var undo = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").Deserialize<JobBody>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(("jobs.undo", 100L), (undo.Kind, undo.Total));
        var done = await RunAsync(admin, undo.Id);

        Assert.Equal(("completed", 100L, 3L), (done.Status, done.Processed, done.ErrorCount));
        Assert.Equal([$"{ChangedSince},iu-new-42", $"{ChangedSince},iu-old-03", $"{ChangedSince},iu-old-17"],
            (await admin.ErrorLinesAsync(undo.Id)).Select(l => string.Join(',', l.Split(',')[2..])).Order());
        foreach (var u in existing.Where((_, i) => i is not (3 or 17)))
        {
            var now = (await UserAsync(admin, u.Id))!;
            Assert.Equal(u with { BranchIds = null! }, now with { BranchIds = null! });
            Assert.Empty(now.BranchIds);
        }
        Assert.Equal(("new-iu-old-03@example.com", "Hand"), ((await UserAsync(admin, existing[3].Id))!.Email, (await UserAsync(admin, existing[3].Id))!.FirstName));
        Assert.True((await UserAsync(admin, existing[17].Id))!.Active);
        Assert.Equal("hand@example.com", (await UserAsync(admin, created[42].Id))!.Email);
        foreach (var u in created.Where((_, i) => i != 42))
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/users/{u.Id}")).StatusCode);
    }

    private static async Task EditAsync(HttpClient admin, long id, Func<UserBody, object> edit)
    {
        var user = (await UserAsync(admin, id))!;
        var response = await admin.PutAsJsonAsync($"/api/users/{id}", edit(user));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
