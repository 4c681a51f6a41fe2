using System.Text.Json;

namespace Offload.Web;

/// <summary>
/// Reads a JSON request body, turning malformed JSON into a 400 problem that names where it broke —
/// the framework's own binding failure says neither.
/// </summary>
internal static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Problems.Result(415, "Send JSON", "Set Content-Type: application/json.", "body"));
        try
        {
            var value = await request.ReadFromJsonAsync<T>(Options, request.HttpContext.RequestAborted);
            return value is null ? (null, Problems.Result(400, "The body is empty", "Send a JSON object.", "body")) : (value, null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, Problems.Result(400, "The body is not valid JSON for this request", e.Message, field));
        }
    }
}
