using System.Net.Http.Json;

namespace Offload.Browser.Tests;

/// <summary>One screen of the product: its address and who opens it (null: nobody is signed in).</summary>
public sealed record Screen(string Path, string? User)
{
    public override string ToString() => $"{Path} as {User ?? "a visitor"}";
}

/// <summary>
/// Every page a person can open (issue 16's list), with the data each needs made once for the whole suite: a
/// running job for the abort page, a finished one with errors for the delete page, a user to edit, a course.
/// </summary>
internal static class EveryPage
{
    public const string PowerUser = "every-pu";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IReadOnlyList<Screen>? _screens;

    public static async Task<IReadOnlyList<Screen>> SeedAsync(BrowserFixture fx)
    {
        await Gate.WaitAsync();
        try
        {
            return _screens ??= await CreateAsync(fx);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<IReadOnlyList<Screen>> CreateAsync(BrowserFixture fx)
    {
        var pu = await fx.App.PowerUserAsync(PowerUser);
        var admin = await fx.App.ApiAsync("admin");
        // A long file name with no space: the kind of text that pushes a narrow column wide.
        var finished = await pu.ImportJobAsync(Csv.Users("every-", 30, PowerUser, "every-x,not-an-email,"), "spring-intake-2025-all-campuses.csv");
        await pu.WaitFinishedAsync(finished.Id);
        // Paced at 1 ms a row: still running while the pages are looked at, finished well before the suite ends.
        var running = await pu.ImportJobAsync(Csv.Users("every-run-", 30_000, PowerUser), "alumni.csv");
        var course = await admin.PostAsJsonAsync("/api/courses", new { code = "ECON-101-INTRODUCTION", title = "Introduction to economics and the economics of introductions" });
        course.EnsureSuccessStatusCode();
        var courseId = (await course.Content.ReadFromJsonAsync<CourseBody>())!.Id;
        var someone = (await fx.App.FindUserAsync(PowerUser))!.Id;
        // An import preview with errors of three kinds, a long file name and wide rows: the preview step at its fullest.
        var preview = await pu.PreviewAsync(Csv.Users("every-preview-", 12, PowerUser,
            "every-preview-x,not-an-email,", "every-preview-y,y@example.com,Nowhere-campus-with-a-very-long-name",
            "every-preview-1,again@example.com,"), "spring-intake-2025-all-campuses-preview.csv");
        return
        [
            new("/login", null),
            new("/", "admin"),
            new("/profile", "admin"),
            new("/jobs?scope=all", "admin"),
            new("/jobs?scope=mine", "admin"),
            new("/jobs", PowerUser),
            new($"/jobs/{running.Id}", PowerUser),
            new($"/jobs/{finished.Id}", PowerUser),
            new($"/jobs/{running.Id}/abort", PowerUser),
            new($"/jobs/{finished.Id}/delete", PowerUser),
            new("/notifications", PowerUser),
            new("/admin/users", "admin"),
            new("/admin/users/new", "admin"),
            new($"/admin/users/{someone}", "admin"),
            new("/admin/users/import", "admin"),
            new($"/admin/users/import/{preview.Id}", PowerUser),
            new("/admin/branches", "admin"),
            new("/admin/courses", "admin"),
            new("/admin/users", PowerUser),
            new($"/admin/courses/{courseId}/enroll", PowerUser),
            new("/forbidden", PowerUser),
            new("/admin/audit", "admin"),
            new("/jobs?scope=all&kind=users.import&q=spring&from=2020-01-01", "admin"),
            new("/jobs?to=2020-13-01", "admin"),
            // Pause and resume (issue 20): what a GET of their addresses opens (the buttons post there directly).
            new($"/jobs/{running.Id}/pause", PowerUser),
            new($"/jobs/{finished.Id}/resume", PowerUser),
        ];
    }

    private sealed record CourseBody(long Id);
}
