using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Web.Pages.Tests;

/// <summary>
/// The undo's confirmation without JavaScript, in English and French: it says with counts what will be reverted and
/// that items changed since are left alone; only its form (antiforgery) starts the undo, then shows the new job's page.
/// </summary>
public sealed class UndoPageTests(SelectionPagesApp fx) : IClassFixture<SelectionPagesApp>
{
    private async Task<Guid> FinishedEnrollAsync(string prefix, int users)
    {
        var ids = new List<long>();
        // Straight in the store without a password: hashing a thousand of them would be most of the test.
        var store = fx.App.Services.GetRequiredService<IUserStore>();
        for (var i = 0; i < users; i++)
            ids.Add((await store.CreateAsync(new CreateUserRequest(new User { Id = 0, Username = $"{prefix}{i}", Email = $"{prefix}{i}@example.com", Role = Roles.User },
                DateTimeOffset.UtcNow), default))!.Value);
        var course = await fx.CreateCourseAsync(prefix.ToUpperInvariant() + "101", "Undo course");
        var api = await fx.App.BearerClientAsync("admin", PagesApp.AdminPassword);
        var started = await api.PostAsJsonAsync("/api/mass-actions/enroll", new { selection = new { userIds = ids }, courseIds = new[] { course } });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetProperty("id").GetGuid();
        await fx.App.RunQueuedJobsAsync();
        return id;
    }

    [Fact]
    public async Task The_page_states_what_will_be_reverted_and_its_confirmation_starts_the_undo_and_opens_its_page()
    {
        var original = await FinishedEnrollAsync("undo-page-", 1234);
        var admin = await fx.App.AdminAsync();
        var page = $"/jobs/{original}/undo";

        var (response, html) = await admin.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        html = WebUtility.HtmlDecode(html);
        Assert.Contains("<li>Remove 1,234 enrollments this job created</li>", html, StringComparison.Ordinal);
        Assert.Contains("Items changed since the job ran are left as they are", html, StringComparison.Ordinal);

        // A post without the form's token is refused, and starts nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync(page, [])).StatusCode);
        var started = await admin.SubmitAsync(page, []);

        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var location = started.Headers.Location!.OriginalString;
        Assert.Matches("^/jobs/[0-9a-f-]{36}$", location);
        var undo = await fx.JobAsync(Guid.Parse(location["/jobs/".Length..]));
        Assert.Equal(("jobs.undo", original, 1234L), (undo.Kind, undo.UndoOf, undo.Total));

        var (_, again) = await admin.GetAsync(page);
        Assert.Contains("This job was already undone", again, StringComparison.Ordinal);
        Assert.Contains($"href=\"{location}\"", again, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\">", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_French_the_page_counts_in_French_and_a_job_that_cannot_be_undone_says_why()
    {
        var original = await FinishedEnrollAsync("annul-", 3);
        var admin = await fx.App.AdminAsync();

        var (_, html) = await admin.GetAsync($"/jobs/{original}/undo?culture=fr");
        html = WebUtility.HtmlDecode(html);
        Assert.Contains("Annuler cette procédure ?", html, StringComparison.Ordinal);
        Assert.Contains("<li>Supprimer les 3 inscriptions créées par cette procédure</li>", html, StringComparison.Ordinal);
        Assert.Contains("Annuler la procédure", html, StringComparison.Ordinal);

        var api = await fx.App.BearerClientAsync("admin", PagesApp.AdminPassword);
        var export = await api.PostAsJsonAsync("/api/mass-actions/users-export", new { selection = new { userIds = new[] { 1 } } });
        var exportId = (await export.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetProperty("id").GetGuid();
        var (_, queued) = await admin.GetAsync($"/jobs/{exportId}/undo?culture=fr");
        Assert.Contains("Cette procédure n'est pas terminée", WebUtility.HtmlDecode(queued), StringComparison.Ordinal);
        await fx.App.RunQueuedJobsAsync();
        var (_, finished) = await admin.GetAsync($"/jobs/{exportId}/undo?culture=fr");
        Assert.Contains("Cette procédure ne peut pas être annulée", WebUtility.HtmlDecode(finished), StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\">", finished, StringComparison.Ordinal);
    }
}
