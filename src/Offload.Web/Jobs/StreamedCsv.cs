namespace Offload.Web.Jobs;

/// <summary>A CSV download written straight to the response, row by row, never buffered whole.</summary>
internal sealed class StreamedCsv(string fileName, Func<Stream, CancellationToken, Task> write) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        // The name is built by us from a GUID, so it needs no sanitizing; attachment keeps browsers from rendering it.
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        await write(http.Response.Body, http.RequestAborted);
    }
}
