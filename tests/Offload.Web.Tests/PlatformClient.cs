using System.Net;
using System.Net.Http.Json;

namespace Offload.Web.Tests;

public sealed record BranchBody(long Id, string Name, long? ParentId);

public sealed record CourseBody(long Id, string Code, string Title);

public sealed record UserBody(long Id, string Username, string Email, string FirstName, string LastName, string Language,
    bool Active, string Role, List<long> BranchIds);

public sealed record UserListBody(List<UserBody> Items, string? NextCursor);

public sealed record EnrollmentBody(long UserId, long CourseId, string CourseCode, string CourseTitle, DateTimeOffset EnrolledAt);

/// <summary>Setting up a platform the way an admin's script would: through the JSON API.</summary>
public static class PlatformClient
{
    public static async Task<BranchBody> CreateBranchAsync(this HttpClient admin, string name, long? parentId = null) =>
        await CreatedAsync<BranchBody>(await admin.PostAsJsonAsync("/api/branches", new { name, parentId }));

    public static async Task<CourseBody> CreateCourseAsync(this HttpClient admin, string code, string? title = null) =>
        await CreatedAsync<CourseBody>(await admin.PostAsJsonAsync("/api/courses", new { code, title = title ?? "Course " + code }));

    public static async Task<UserBody> CreateUserAsync(this HttpClient admin, string username, string role = "user", params long[] branchIds) =>
        await CreatedAsync<UserBody>(await admin.PostAsJsonAsync("/api/users", new
        {
            username, email = $"{username}@example.com", firstName = "F" + username, lastName = "L" + username,
            language = "en", role, password = "password-" + username, branchIds,
        }));

    public static async Task<JobBody> StartAsync(this HttpClient client, string action, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/mass-actions/{action}", body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<CreatedBody>())!.Job;
    }

    public static async Task<List<EnrollmentBody>> EnrollmentsAsync(this HttpClient client, long userId) =>
        (await client.GetFromJsonAsync<List<EnrollmentBody>>($"/api/users/{userId}/enrollments"))!;

    public static async Task<string[]> ErrorLinesAsync(this HttpClient client, Guid jobId) =>
        (await client.GetStringAsync($"/api/jobs/{jobId}/errors.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(l => l.TrimEnd('\r')).Skip(1).ToArray();

    private static async Task<T> CreatedAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
