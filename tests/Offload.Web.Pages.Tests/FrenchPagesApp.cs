using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Offload.Platform.Identity;

namespace Offload.Web.Pages.Tests;

/// <summary>
/// A French Superadmin and a French Power User with something on every page: a branch, a course, users, a finished
/// import with an error row (error count, log link, notification) and a queued enrollment (the X). No workers run,
/// so the queued job stays queued until the test says otherwise.
/// </summary>
public sealed class FrenchPagesApp : IAsyncLifetime, IDisposable
{
    public PagesApp App { get; } = new();
    public Guid Finished { get; private set; }
    public Guid Queued { get; private set; }
    public long Learner { get; private set; }
    public long Course { get; private set; }

    public FrenchPagesApp() => App.Settings["Offload:Workers"] = "0";

    public async Task InitializeAsync()
    {
        var lyon = await App.CreateBranchAsync("Lyon");
        var camille = await App.AddUserAsync("camille", Roles.Superadmin, [lyon], language: "fr", firstName: "Camille");
        await App.AddUserAsync("pierre", Roles.PowerUser, [lyon], language: "fr", firstName: "Pierre");
        Learner = await App.AddUserAsync("zoe", Roles.User, [lyon], language: "fr", firstName: "Zoé");
        var api = await App.ClientForIdAsync(camille);
        var course = await api.PostAsJsonAsync("/api/courses", new { code = "CHM-101", title = "Chimie" });
        course.EnsureSuccessStatusCode();
        var courseId = Course = (await course.Content.ReadFromJsonAsync<Created>())!.Id;

        Finished = await StartAsync(api.PostAsync("/api/mass-actions/users-import", ImportForm("eleves.csv",
            "username,email\nlea,lea@example.org\nmauvais nom,x@example.org\n")));
        await App.RunQueuedJobsAsync();
        Queued = await StartAsync(api.PostAsJsonAsync("/api/mass-actions/enroll",
            new { selection = new { userIds = new[] { Learner } }, courseIds = new[] { courseId } }));
    }

    private static MultipartFormDataContent ImportForm(string fileName, string csv)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private static async Task<Guid> StartAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Accepted>())!.Job.Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => App.Dispose();

    private sealed record Created(long Id);

    private sealed record Accepted(AcceptedJob Job);

    private sealed record AcceptedJob(Guid Id);
}
