using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Offload.Web.Tests;

/// <summary>The JSON shapes a script sees, and the calls it makes.</summary>
public sealed record JobBody(Guid Id, string Kind, string Description, OwnerBody Owner, string Status, DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long Processed, long Total, int Percent, long ErrorCount,
    string? FailureReason, DateTimeOffset ExpiresAt, bool HasResult, DateTimeOffset? PausedAt = null, DateTimeOffset? PauseRequestedAt = null);

public sealed record OwnerBody(long Id, string Username);

public sealed record JobListBody(List<JobBody> Items, string? NextCursor);

public sealed record CreatedBody(JobBody Job);

public sealed record ProblemBody(int Status, string Title, string? Detail, string? Field);

public static class Api
{
    public static async Task<HttpResponseMessage> ImportAsync(this HttpClient client, string csv, string fileName = "users.csv",
        bool? updateExisting = null) =>
        await client.ImportBytesAsync(Encoding.UTF8.GetBytes(csv), fileName, updateExisting);

    public static async Task<HttpResponseMessage> ImportBytesAsync(this HttpClient client, byte[] bytes, string fileName = "users.csv",
        bool? updateExisting = null, string path = "/api/mass-actions/users-import")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        if (updateExisting is { } u) form.Add(new StringContent(u ? "true" : "false"), "updateExisting");
        return await client.PostAsync(path, form);
    }

    public static async Task<JobBody> ImportJobAsync(this HttpClient client, string csv, string fileName = "users.csv", bool? updateExisting = null)
    {
        var response = await client.ImportAsync(csv, fileName, updateExisting);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedBody>())!.Job;
    }

    public static Task<JobBody> WaitFinishedAsync(this HttpClient client, Guid id, TimeSpan? timeout = null) =>
        client.WaitUntilAsync(id, j => j.Status is "completed" or "aborted" or "failed", timeout);

    /// <summary>Polls the job until <paramref name="done"/> holds; a timeout says where it stood (and what <paramref name="diagnostics"/> adds).</summary>
    public static async Task<JobBody> WaitUntilAsync(this HttpClient client, Guid id, Func<JobBody, bool> done, TimeSpan? timeout = null,
        Func<string>? diagnostics = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var job = (await client.GetFromJsonAsync<JobBody>($"/api/jobs/{id}"))!;
            if (done(job)) return job;
            if (DateTime.UtcNow > until) throw new TimeoutException($"job still {job.Status} at {job.Processed}/{job.Total}\n{diagnostics?.Invoke()}");
            await Task.Delay(10);
        }
    }

    public static async Task<ProblemBody> ProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<ProblemBody>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
    }
}
