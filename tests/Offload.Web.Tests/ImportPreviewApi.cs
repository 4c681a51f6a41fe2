using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Offload.Web.Tests;

/// <summary>An import preview as a script sees it (SPEC §9, plus the screen's fields).</summary>
public sealed record PreviewBody(Guid Id, string FileName, long Rows, long Creates, long Updates, long ErrorRows,
    List<ErrorGroupBody> ErrorGroups, int EstimatedSeconds, DateTimeOffset ExpiresAt, long ErrorCount, bool UpdateExisting, long BlankRows,
    List<string> Columns, List<List<string>> FirstRows);

public sealed record ErrorGroupBody(string Field, string Message, long Count, List<long> SampleRows);

public static class ImportPreviewApi
{
    public const string PreviewPath = "/api/mass-actions/users-import/preview";

    public static Task<HttpResponseMessage> PreviewBytesAsync(this HttpClient client, byte[] bytes, string fileName = "users.csv", bool? updateExisting = null) =>
        client.ImportBytesAsync(bytes, fileName, updateExisting, PreviewPath);

    public static async Task<PreviewBody> PreviewAsync(this HttpClient client, string csv, string fileName = "users.csv", bool? updateExisting = null)
    {
        var response = await client.PreviewBytesAsync(Encoding.UTF8.GetBytes(csv), fileName, updateExisting);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var preview = (await response.Content.ReadFromJsonAsync<PreviewBody>())!;
        Assert.Equal($"{PreviewPath}/{preview.Id}", response.Headers.Location?.OriginalString);
        return preview;
    }

    public static Task<HttpResponseMessage> StartPreviewAsync(this HttpClient client, Guid previewId) =>
        client.PostAsJsonAsync("/api/mass-actions/users-import", new { previewId });
}
