using System.Text.Json;
using System.Threading.Channels;

namespace Offload.Web.Tests;

/// <summary>A client of GET /api/jobs/events: collects each event's JSON as it arrives, in the background.</summary>
public sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    private EventStream(HttpResponseMessage response)
    {
        _response = response;
        _reading = Task.Run(ReadAsync);
    }

    public string ContentType => _response.Content.Headers.ContentType?.MediaType ?? "";

    public static async Task<EventStream> OpenAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/jobs/events", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new EventStream(response);
    }

    /// <summary>Every event that arrives within <paramref name="window"/>, or until <paramref name="until"/> holds for one.</summary>
    public async Task<List<JsonElement>> CollectAsync(TimeSpan window, Func<JsonElement, bool>? until = null)
    {
        var found = new List<JsonElement>();
        using var timeout = new CancellationTokenSource(window);
        try
        {
            await foreach (var e in _events.Reader.ReadAllAsync(timeout.Token))
            {
                found.Add(e);
                if (until?.Invoke(e) == true) break;
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
        }
        return found;
    }

    /// <summary>Every event until the server ends the stream; fails when it is still open after <paramref name="timeout"/>.</summary>
    public async Task<List<JsonElement>> ReadToEndAsync(TimeSpan timeout)
    {
        var found = await CollectAsync(timeout);
        Assert.True(_events.Reader.Completion.IsCompleted, "the server did not end the stream");
        return found;
    }

    private async Task ReadAsync()
    {
        try
        {
            using var reader = new StreamReader(await _response.Content.ReadAsStreamAsync(_stop.Token));
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                    await _events.Writer.WriteAsync(JsonDocument.Parse(line["data: ".Length..]).RootElement, _stop.Token);
        }
        // Once disposing, whatever the torn-down response throws is the end of reading, not a failure.
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException || _stop.IsCancellationRequested)
        {
        }
        _events.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reading;
        _stop.Dispose();
    }
}
