using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Offload.Web.Hosting;

namespace Offload.Browser.Tests;

/// <summary>
/// Issue 17's "done when", as a new admin walks it in French on the demo data (what `--demo` seeds): import the
/// demo CSV through its preview, select 20 users and enroll them in a course, deactivate 3 and export them — all in
/// the browser — then check that the platform did exactly that. Its pictures are the closing note's (walk-*.png).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NewAdminWalkTests(BrowserFixture fx)
{
    private sealed record CourseBody(long Id, string Code, string Title);

    private sealed record EnrollmentBody(long CourseId);

    [Fact]
    public async Task A_new_admin_imports_the_demo_csv_then_enrolls_20_users_deactivates_3_and_exports_them_in_french()
    {
        await fx.App.Services.GetRequiredService<DemoData>().SeedAsync(TextWriter.Null, CancellationToken.None);
        var api = await fx.App.ApiAsync("admin");
        var page = await fx.PageAsync("admin", "fr-FR");
        await page.GotoAsync("/admin/users?culture=fr");

        // Import: upload → preview → start, never a second upload.
        await page.GetByRole(AriaRole.Link, new() { Name = "Importer des utilisateurs" }).ClickAsync();
        await page.GetByLabel("Fichier CSV").SetInputFilesAsync(Path.Combine(fx.App.DataPath, "samples", "users-with-errors.csv"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Prévisualiser l'import" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Aperçu de l'import" })).ToBeVisibleAsync();
        var creates = long.Parse(await page.Locator("[data-count=creates]").InnerTextAsync(), CultureInfo.GetCultureInfo("fr-FR"));
        await Shots.TakeAsync(page, "walk-1-import-preview-fr.png", 1280, 900);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lancer l'import" }).ClickAsync();
        await Expect(page.Locator("#started-notice")).ToContainTextAsync("Procédure lancée : Import de users-with-errors.csv");
        var import = (await api.GetFromJsonAsync<JobListBody>("/api/jobs?scope=mine&limit=1"))!.Items[0];
        Assert.Equal("completed", (await api.WaitFinishedAsync(import.Id)).Status);
        string[] sampleNames = ["marie.curie", "bad email", "ada", "zoe", "=cmd"];
        var created = 0;
        foreach (var name in sampleNames) created += await fx.App.FindUserAsync(name) is null ? 0 : 1;
        Assert.Equal(creates, created);

        // 20 users enrolled in a course, from the course picker and the server's confirmation.
        await page.GotoAsync("/admin/users?text=learner00");
        var twenty = Enumerable.Range(1, 20).Select(i => $"learner{i:0000}").ToArray();
        foreach (var name in twenty) await page.GetByRole(AriaRole.Checkbox, new() { Name = "Sélectionner " + name, Exact = true }).CheckAsync();
        await Expect(page.Locator("#selection-count")).ToHaveTextAsync("20 utilisateurs sélectionnés");
        await ActAsync(page, "Inscrire");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Rechercher par code ou titre").FillAsync("SAFETY");
        await dialog.GetByLabel("SAFETY-101").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await Expect(dialog.Locator(".confirm-sentence")).ToHaveTextAsync("Inscrire 20 utilisateurs à 1 cours");
        await Shots.TakeAsync(page, "walk-2-enroll-confirm-fr.png", 1280, 800);
        await ConfirmAsync(page, "Inscrire");

        // 3 of them deactivated, then exported.
        var three = twenty[..3];
        foreach (var name in three) await page.GetByRole(AriaRole.Checkbox, new() { Name = "Sélectionner " + name, Exact = true }).CheckAsync();
        await ActAsync(page, "Désactiver");
        await Expect(dialog.Locator(".confirm-sentence")).ToHaveTextAsync("Désactiver 3 utilisateurs");
        await ConfirmAsync(page, "Désactiver");
        foreach (var name in three) await page.GetByRole(AriaRole.Checkbox, new() { Name = "Sélectionner " + name, Exact = true }).CheckAsync();
        await ActAsync(page, "Exporter");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Continuer" }).ClickAsync();
        await Expect(dialog.Locator(".confirm-sentence")).ToHaveTextAsync("Exporter 3 utilisateurs");
        await ConfirmAsync(page, "Exporter");

        // What the platform now holds is what the screens said.
        var jobs = (await api.GetFromJsonAsync<JobListBody>("/api/jobs?scope=mine&limit=4"))!.Items;
        Assert.Equal(["users.export", "users.status", "enrollments.create", "users.import"], jobs.Select(j => j.Kind));
        foreach (var job in jobs) Assert.Equal("completed", (await api.WaitFinishedAsync(job.Id)).Status);
        var course = (await api.GetFromJsonAsync<List<CourseBody>>("/api/courses"))!.Single(c => c.Code == "SAFETY-101");
        foreach (var name in twenty)
        {
            var user = (await fx.App.FindUserAsync(name))!;
            var enrollments = (await api.GetFromJsonAsync<List<EnrollmentBody>>($"/api/users/{user.Id}/enrollments"))!;
            Assert.Contains(enrollments, e => e.CourseId == course.Id);
        }
        foreach (var name in three) Assert.False((await fx.App.FindUserAsync(name))!.Active, name + " is deactivated");
        var csv = (await api.GetStringAsync($"/api/jobs/{jobs[0].Id}/result")).TrimStart('\uFEFF');
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(three.Order(), rows.Select(r => r.TrimEnd('\r').Split(',')[1]).Order());

        await page.GotoAsync("/jobs?scope=mine");
        await Expect(page.Locator("tbody tr").First).ToBeVisibleAsync();
        await Shots.TakeAsync(page, "walk-3-jobs-fr.png", 1280, 800);
    }

    private static Task ActAsync(IPage page, string action) =>
        page.Locator(".selection-bar").GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync();

    private static async Task ConfirmAsync(IPage page, string button)
    {
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.Locator("#started-notice")).ToContainTextAsync("Procédure lancée");
        await Expect(page.Locator("#selection-count")).ToHaveTextAsync("Aucun utilisateur sélectionné");
    }
}
