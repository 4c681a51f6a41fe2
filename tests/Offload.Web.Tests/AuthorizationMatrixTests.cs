using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Offload.Web.Tests;

/// <summary>
/// Every endpoint against every kind of caller, with the exact status each must get. The table is
/// checked against the app's own endpoint list: a new endpoint without a row fails this test.
/// </summary>
public sealed class AuthorizationMatrixTests(ManualApp fixture) : IClassFixture<ManualApp>
{
    private readonly OffloadApp _app = fixture.App;

    /// <summary>The callers, in the order of each row's expected statuses.</summary>
    private enum Caller { Anonymous, User, PowerUserA, PowerUserB, Superadmin }

    /// <summary>The world every row runs against: two branches, a Power User in each, and Power User A's things.</summary>
    private sealed record World(
        Dictionary<Caller, HttpClient> Clients, HttpClient Admin, long BranchA, long UserInA, long CourseId,
        Func<Task<Guid>> NewQueuedJobOfA, Guid FinishedExportOfA, Func<Task<long>> NewPlainUser, long NoticeOfA,
        Func<Task<Guid>> NewPreviewOfA, Func<Task<Guid>> NewFinishedJobOfA, Guid FailedJobOfA)
    {
        /// <summary>The preview the row's path just made, for a body built after the path.</summary>
        public Guid LastPreview { get; set; }
    }

    private sealed record Row(string Method, string Template, Func<World, Task<string>> Path, Func<World, HttpContent?> Body,
        int Anonymous, int User, int PowerUserA, int PowerUserB, int Superadmin);

    private static HttpContent Json(object o) => JsonContent.Create(o);

    private static readonly Row[] Rows =
    [
        new("POST", "/api/auth/tokens", _ => Task.FromResult("/api/auth/tokens"), _ => Json(new { username = "nobody", password = "wrong-password" }), 401, 401, 401, 401, 401),
        new("DELETE", "/api/auth/tokens/current", _ => Task.FromResult("/api/auth/tokens/current"), _ => null, 401, 204, 204, 204, 204),
        new("GET", "/api/me", _ => Task.FromResult("/api/me"), _ => null, 401, 200, 200, 200, 200),
        new("GET", "/api/jobs", _ => Task.FromResult("/api/jobs"), _ => null, 401, 403, 200, 200, 200),
        // A stream: the status line and headers come at once, the body never ends (the test reads headers only).
        new("GET", "/api/jobs/events", _ => Task.FromResult("/api/jobs/events"), _ => null, 401, 403, 200, 200, 200),
        new("GET", "/api/jobs/{id}", async w => $"/api/jobs/{await w.NewQueuedJobOfA()}", _ => null, 401, 403, 200, 404, 200),
        new("POST", "/api/jobs/{id}/abort", async w => $"/api/jobs/{await w.NewQueuedJobOfA()}/abort", _ => null, 401, 403, 202, 404, 202),
        new("DELETE", "/api/jobs/{id}", async w => $"/api/jobs/{await w.NewQueuedJobOfA()}", _ => null, 401, 403, 409, 404, 409),
        new("GET", "/api/jobs/{id}/errors.csv", async w => $"/api/jobs/{await w.NewQueuedJobOfA()}/errors.csv", _ => null, 401, 403, 200, 404, 200),
        new("GET", "/api/jobs/{id}/error-groups", async w => $"/api/jobs/{await w.NewQueuedJobOfA()}/error-groups", _ => null, 401, 403, 200, 404, 200),
        new("GET", "/api/jobs/{id}/result", w => Task.FromResult($"/api/jobs/{w.FinishedExportOfA}/result"), _ => null, 401, 403, 200, 404, 200),
        // Undo: a fresh finished activation of A's each time (a job is undone once).
        new("POST", "/api/jobs/{id}/undo", async w => $"/api/jobs/{await w.NewFinishedJobOfA()}/undo", _ => null, 401, 403, 202, 404, 202),
        new("GET", "/api/jobs/{id}/failed.csv", w => Task.FromResult($"/api/jobs/{w.FailedJobOfA}/failed.csv"), _ => null, 401, 403, 200, 404, 200),
        new("POST", "/api/jobs/{id}/retry", w => Task.FromResult($"/api/jobs/{w.FailedJobOfA}/retry"), _ => null, 401, 403, 202, 404, 202),
        // Pause pauses a queued job at once; resume takes a job paused just before (by the admin) each time.
        new("POST", "/api/jobs/{id}/pause", async w => $"/api/jobs/{await w.NewQueuedJobOfA()}/pause", _ => null, 401, 403, 202, 404, 202),
        new("POST", "/api/jobs/{id}/resume", async w =>
        {
            var job = await w.NewQueuedJobOfA();
            Assert.Equal(HttpStatusCode.Accepted, (await w.Admin.PostAsync($"/api/jobs/{job}/pause", null)).StatusCode);
            return $"/api/jobs/{job}/resume";
        }, _ => null, 401, 403, 202, 404, 202),
        new("POST", "/api/mass-actions/users-import", _ => Task.FromResult("/api/mass-actions/users-import"),
            _ => new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("username,email,branch\nmx,mx@example.com,Matrix A\n")), "file", "m.csv" } },
            401, 403, 202, 202, 202),
        // Started from a preview (JSON): only the preview's creator finds it.
        new("POST", "/api/mass-actions/users-import", async w => { w.LastPreview = await w.NewPreviewOfA(); return "/api/mass-actions/users-import"; },
            w => Json(new { previewId = w.LastPreview }), 401, 403, 202, 404, 404),
        new("POST", "/api/mass-actions/users-import/preview", _ => Task.FromResult("/api/mass-actions/users-import/preview"),
            _ => new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("username,email,branch\nmx,mx@example.com,Matrix A\n")), "file", "m.csv" } },
            401, 403, 201, 201, 201),
        new("GET", "/api/mass-actions/users-import/preview/{id:guid}", async w => $"/api/mass-actions/users-import/preview/{await w.NewPreviewOfA()}",
            _ => null, 401, 403, 200, 404, 404),
        new("DELETE", "/api/mass-actions/users-import/preview/{id:guid}", async w => $"/api/mass-actions/users-import/preview/{await w.NewPreviewOfA()}",
            _ => null, 401, 403, 204, 404, 404),
        new("POST", "/api/mass-actions/enroll", _ => Task.FromResult("/api/mass-actions/enroll"),
            w => Json(new { selection = new { userIds = new[] { w.UserInA } }, courseIds = new[] { w.CourseId } }), 401, 403, 202, 202, 202),
        new("POST", "/api/mass-actions/unenroll", _ => Task.FromResult("/api/mass-actions/unenroll"),
            w => Json(new { selection = new { userIds = new[] { w.UserInA } }, courseIds = new[] { w.CourseId } }), 401, 403, 202, 202, 202),
        new("POST", "/api/mass-actions/users-status", _ => Task.FromResult("/api/mass-actions/users-status"),
            w => Json(new { selection = new { userIds = new[] { w.UserInA } }, active = true }), 401, 403, 202, 202, 202),
        new("POST", "/api/mass-actions/users-delete", _ => Task.FromResult("/api/mass-actions/users-delete"),
            w => Json(new { selection = new { userIds = new[] { w.UserInA } } }), 401, 403, 202, 202, 202),
        new("POST", "/api/mass-actions/users-export", _ => Task.FromResult("/api/mass-actions/users-export"),
            w => Json(new { selection = new { userIds = new[] { w.UserInA } } }), 401, 403, 202, 202, 202),
        // Previews: the action's body, nothing started; another Power User's preview counts the user as out of scope (200, not 404).
        new("POST", "/api/mass-actions/enroll/preview", _ => Task.FromResult("/api/mass-actions/enroll/preview"),
            w => Json(new { selection = new { userIds = new[] { w.UserInA } }, courseIds = new[] { w.CourseId } }), 401, 403, 200, 200, 200),
        new("POST", "/api/mass-actions/unenroll/preview", _ => Task.FromResult("/api/mass-actions/unenroll/preview"),
            w => Json(new { selection = new { userIds = new[] { w.UserInA } }, courseIds = new[] { w.CourseId } }), 401, 403, 200, 200, 200),
        new("POST", "/api/mass-actions/users-status/preview", _ => Task.FromResult("/api/mass-actions/users-status/preview"),
            w => Json(new { selection = new { userIds = new[] { w.UserInA } }, active = true }), 401, 403, 200, 200, 200),
        new("POST", "/api/mass-actions/users-delete/preview", _ => Task.FromResult("/api/mass-actions/users-delete/preview"),
            w => Json(new { selection = new { userIds = new[] { w.UserInA } } }), 401, 403, 200, 200, 200),
        new("POST", "/api/mass-actions/users-export/preview", _ => Task.FromResult("/api/mass-actions/users-export/preview"),
            w => Json(new { selection = new { userIds = new[] { w.UserInA } } }), 401, 403, 200, 200, 200),
        new("GET", "/api/notifications", _ => Task.FromResult("/api/notifications"), _ => null, 401, 403, 200, 200, 200),
        new("POST", "/api/notifications/{id:long}/read", w => Task.FromResult($"/api/notifications/{w.NoticeOfA}/read"), _ => null, 401, 403, 204, 404, 404),
        new("GET", "/api/users", _ => Task.FromResult("/api/users"), _ => null, 401, 403, 200, 200, 200),
        new("POST", "/api/users", _ => Task.FromResult("/api/users"),
            _ => Json(new { username = "mx-" + Guid.NewGuid().ToString("N")[..8], email = "mx@example.com" }), 401, 403, 403, 403, 201),
        new("GET", "/api/users/{id:long}", w => Task.FromResult($"/api/users/{w.UserInA}"), _ => null, 401, 403, 200, 404, 200),
        new("PUT", "/api/users/{id:long}", w => Task.FromResult($"/api/users/{w.UserInA}"),
            w => Json(new { username = "matrix-in-a", email = "in-a@example.com", branchIds = new[] { w.BranchA } }), 401, 403, 403, 403, 200),
        new("DELETE", "/api/users/{id:long}", async w => $"/api/users/{await w.NewPlainUser()}", _ => null, 401, 403, 403, 403, 204),
        new("DELETE", "/api/users/{id:long}/tokens", w => Task.FromResult($"/api/users/{w.UserInA}/tokens"), _ => null, 401, 403, 403, 403, 204),
        new("GET", "/api/users/{id:long}/enrollments", w => Task.FromResult($"/api/users/{w.UserInA}/enrollments"), _ => null, 401, 403, 200, 404, 200),
        new("GET", "/api/branches", _ => Task.FromResult("/api/branches"), _ => null, 401, 403, 200, 200, 200),
        new("POST", "/api/branches", _ => Task.FromResult("/api/branches"), _ => Json(new { name = "mx-" + Guid.NewGuid().ToString("N")[..8] }), 401, 403, 403, 403, 201),
        new("GET", "/api/courses", _ => Task.FromResult("/api/courses"), _ => null, 401, 403, 200, 200, 200),
        new("POST", "/api/courses", _ => Task.FromResult("/api/courses"), _ => Json(new { code = "mx-" + Guid.NewGuid().ToString("N")[..8], title = "T" }), 401, 403, 403, 403, 201),
        // The audit trail (issue 20): Superadmins only.
        new("GET", "/api/audit", _ => Task.FromResult("/api/audit"), _ => null, 401, 403, 403, 403, 200),
        new("GET", "/api/audit.csv", _ => Task.FromResult("/api/audit.csv"), _ => null, 401, 403, 403, 403, 200),
        new("GET", "/healthz", _ => Task.FromResult("/healthz"), _ => null, 200, 200, 200, 200, 200),
        new("GET", "/metrics", _ => Task.FromResult("/metrics"), _ => null, 200, 200, 200, 200, 200),
        new("GET", "/readyz", _ => Task.FromResult("/readyz"), _ => null, 200, 200, 200, 200, 200),
        new("GET", "/openapi/{documentName}.json", _ => Task.FromResult("/openapi/v1.json"), _ => null, 200, 200, 200, 200, 200),
        // Razor Pages answer every method ("*"); the table asks with GET. Anonymous callers are sent to the sign-in page.
        new("*", "", _ => Task.FromResult("/"), _ => null, 302, 200, 200, 200, 200),
        new("*", "login", _ => Task.FromResult("/login"), _ => null, 200, 302, 302, 302, 302),
        new("*", "logout", _ => Task.FromResult("/logout"), _ => null, 302, 200, 200, 200, 200),
        new("*", "profile", _ => Task.FromResult("/profile"), _ => null, 302, 200, 200, 200, 200),
        new("*", "forbidden", _ => Task.FromResult("/forbidden"), _ => null, 403, 403, 403, 403, 403),
        new("*", "jobs", _ => Task.FromResult("/jobs"), _ => null, 302, 403, 200, 200, 200),
        new("*", "jobs/{id:guid}", async w => $"/jobs/{await w.NewQueuedJobOfA()}", _ => null, 302, 403, 200, 404, 200),
        new("*", "jobs/{id:guid}/abort", async w => $"/jobs/{await w.NewQueuedJobOfA()}/abort", _ => null, 302, 403, 200, 404, 200),
        new("*", "jobs/{id:guid}/pause", async w => $"/jobs/{await w.NewQueuedJobOfA()}/pause", _ => null, 302, 403, 200, 404, 200),
        new("*", "jobs/{id:guid}/resume", async w => $"/jobs/{await w.NewQueuedJobOfA()}/resume", _ => null, 302, 403, 200, 404, 200),
        new("*", "jobs/{id:guid}/retry", w => Task.FromResult($"/jobs/{w.FailedJobOfA}/retry"), _ => null, 302, 403, 200, 404, 200),
        new("*", "jobs/{id:guid}/delete", async w => $"/jobs/{await w.NewQueuedJobOfA()}/delete", _ => null, 302, 403, 200, 404, 200),
        new("*", "jobs/{id:guid}/undo", async w => $"/jobs/{await w.NewFinishedJobOfA()}/undo", _ => null, 302, 403, 200, 404, 200),
        new("*", "notifications", _ => Task.FromResult("/notifications"), _ => null, 302, 403, 200, 200, 200),
        new("*", "admin/users", _ => Task.FromResult("/admin/users"), _ => null, 302, 403, 200, 200, 200),
        new("*", "admin/users/new", _ => Task.FromResult("/admin/users/new"), _ => null, 302, 403, 403, 403, 200),
        new("*", "admin/users/{id:long}", w => Task.FromResult($"/admin/users/{w.UserInA}"), _ => null, 302, 403, 403, 403, 200),
        new("*", "admin/users/import", _ => Task.FromResult("/admin/users/import"), _ => null, 302, 403, 200, 200, 200),
        new("*", "admin/users/import/template.csv", _ => Task.FromResult("/admin/users/import/template.csv"), _ => null, 302, 403, 200, 200, 200),
        new("*", "admin/users/import/{previewId:guid}", async w => $"/admin/users/import/{await w.NewPreviewOfA()}", _ => null, 302, 403, 200, 404, 404),
        new("*", "admin/branches", _ => Task.FromResult("/admin/branches"), _ => null, 302, 403, 200, 200, 200),
        new("*", "admin/courses", _ => Task.FromResult("/admin/courses"), _ => null, 302, 403, 200, 200, 200),
        // Issue 17's selection screens: the step page is posted to (a GET goes back to the list); courses are not branch-scoped.
        new("*", "admin/users/actions", _ => Task.FromResult("/admin/users/actions"), _ => null, 302, 403, 302, 302, 302),
        new("*", "admin/courses/{id:long}/enroll", w => Task.FromResult($"/admin/courses/{w.CourseId}/enroll"), _ => null, 302, 403, 200, 200, 200),
        new("*", "admin/audit", _ => Task.FromResult("/admin/audit"), _ => null, 302, 403, 403, 403, 200),
    ];

    [Fact]
    public void Every_endpoint_of_the_app_has_a_row()
    {
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .ToHashSet();
        var rows = Rows.Select(r => $"{r.Method} {r.Template}").ToHashSet();
        Assert.Empty(endpoints.Except(rows));
        Assert.Empty(rows.Except(endpoints));
    }

    /// <summary>A group's root ("/api/jobs" + "") reads "/api/jobs/"; the table writes it without the slash.</summary>
    private static string Normalize(string template) => template.Length > 1 ? template.TrimEnd('/') : template;

    [Fact]
    public async Task Every_caller_gets_exactly_the_status_of_the_table()
    {
        var world = await BuildWorldAsync();
        var failures = new List<string>();
        foreach (var row in Rows)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                var expected = caller switch
                {
                    Caller.Anonymous => row.Anonymous,
                    Caller.User => row.User,
                    Caller.PowerUserA => row.PowerUserA,
                    Caller.PowerUserB => row.PowerUserB,
                    _ => row.Superadmin,
                };
                // Revoking a token spends it: every request gets a fresh client for that caller.
                var client = await ClientAsync(world, caller);
                var path = await row.Path(world);
                using var request = new HttpRequestMessage(new HttpMethod(row.Method == "*" ? "GET" : row.Method), path) { Content = row.Body(world) };
                // Headers only: an event stream's body never ends; disposing the response closes it.
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                if ((int)response.StatusCode != expected)
                    failures.Add($"{row.Method} {path} as {caller}: expected {expected}, got {(int)response.StatusCode} {await BodyAsync(response)}");
            }
        }
        Assert.Empty(failures);
    }

    private static async Task<string> BodyAsync(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "(event stream)" : await response.Content.ReadAsStringAsync();

    private readonly Dictionary<Caller, long> _ids = [];

    private async Task<HttpClient> ClientAsync(World world, Caller caller) =>
        caller == Caller.Anonymous
            ? _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            : await _app.ClientForIdAsync(_ids[caller], followRedirects: false);

    private async Task<World> BuildWorldAsync()
    {
        var admin = await _app.AdminAsync();
        var a = await admin.CreateBranchAsync("Matrix A");
        var b = await admin.CreateBranchAsync("Matrix B");
        var course = await admin.CreateCourseAsync("MATRIX");
        _ids[Caller.User] = (await admin.CreateUserAsync("matrix-learner")).Id;
        _ids[Caller.PowerUserA] = (await admin.CreateUserAsync("matrix-pu-a", "poweruser", a.Id)).Id;
        _ids[Caller.PowerUserB] = (await admin.CreateUserAsync("matrix-pu-b", "poweruser", b.Id)).Id;
        _ids[Caller.Superadmin] = (await admin.CreateUserAsync("matrix-sa", "superadmin")).Id;
        var inA = await admin.CreateUserAsync("matrix-in-a", "user", a.Id);
        var puA = await _app.ClientForIdAsync(_ids[Caller.PowerUserA]);
        var export = await puA.StartAsync("users-export", new { selection = new { userIds = new[] { inA.Id } } });
        // Finished jobs to undo, one per request of the undo rows (a job is undone once); run now, before any row queues a job.
        var finished = new Queue<Guid>();
        for (var i = 0; i < 10; i++)
            finished.Enqueue((await puA.StartAsync("users-status", new { selection = new { userIds = new[] { inA.Id } }, active = true })).Id);
        // Finished with one failed item (an id nobody has): a retry may be asked of it again and again.
        var failed = await puA.StartAsync("enroll", new { selection = new { userIds = new[] { inA.Id, 999_999_999L } }, courseIds = new[] { course.Id } });
        await _app.RunQueuedJobsAsync();
        var notice = (await puA.GetFromJsonAsync<NotificationListBody>("/api/notifications"))!.Items.Single(x => x.JobId == export.Id);
        var n = 0;
        return new World([], admin, a.Id, inA.Id, course.Id,
            async () => (await puA.StartAsync("users-status", new { selection = new { userIds = new[] { inA.Id } }, active = true })).Id,
            export.Id,
            async () => (await admin.CreateUserAsync($"matrix-doomed-{n++}")).Id,
            notice.Id,
            async () => (await puA.PreviewAsync("username,email\nmx-preview,mx-preview@example.com\n")).Id,
            () => Task.FromResult(finished.Dequeue()), failed.Id);
    }
}
