using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Offload.Testing;

/// <summary>
/// A loopback TCP proxy in front of a server, which a test tells to lose the server's answer to one request:
/// the request reaches the server whole (so it runs: a COMMIT commits), the answer is dropped, and the client's
/// connection is cut — what a network failure right after sending COMMIT does. Every other byte passes as is.
/// </summary>
public sealed class CuttingTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private readonly Lock _gate = new();
    private readonly Task _accepting;
    private byte[]? _marker;
    private int _skip;
    private int _cuts;

    public CuttingTcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The loopback port clients connect to instead of the server's.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections were cut so far.</summary>
    public int Cuts => Volatile.Read(ref _cuts);

    /// <summary>
    /// Loses the answer to the request that carries <paramref name="marker"/> (its bytes, as sent) after
    /// <paramref name="skip"/> such requests went through untouched; once, then the proxy is transparent again.
    /// </summary>
    public void LoseAnswerTo(string marker, int skip = 0)
    {
        lock (_gate)
        {
            _marker = Encoding.UTF8.GetBytes(marker);
            _skip = skip;
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            lock (_gate) _pumps.Add(RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        using var _ = client;
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            return;
        }
        client.NoDelay = server.NoDelay = true;
        var doomed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var up = PumpUpAsync(client.GetStream(), server.GetStream(), doomed);
        var down = PumpDownAsync(server, client, doomed.Task);
        await Task.WhenAll(up, down);
    }

    /// <summary>Client to server, every byte; watches for the marker and dooms the connection when it is due.</summary>
    private async Task PumpUpAsync(NetworkStream from, NetworkStream to, TaskCompletionSource doomed)
    {
        var buffer = new byte[64 * 1024];
        var seen = new List<byte>(); // the tail of what went before, so a marker split across reads is still found
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0) break;
                // Doomed before the request goes on: the answer cannot come back before the pump down knows.
                if (IsDue(seen, buffer.AsSpan(0, read))) doomed.TrySetResult();
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private bool IsDue(List<byte> seen, ReadOnlySpan<byte> read)
    {
        lock (_gate)
        {
            if (_marker is null) return false;
            seen.AddRange(read);
            var found = seen.ToArray().AsSpan().IndexOf(_marker) >= 0;
            if (seen.Count > _marker.Length) seen.RemoveRange(0, seen.Count - (_marker.Length - 1));
            if (!found) return false;
            seen.Clear();
            if (_skip-- > 0) return false;
            _marker = null;
            return true;
        }
    }

    /// <summary>
    /// Server to client, until the connection is doomed: the server's next answer is then dropped and the client cut.
    /// The server's side is closed gracefully (FIN after every byte sent to it), never reset, so it runs the whole
    /// request before it sees the end of the connection.
    /// </summary>
    private async Task PumpDownAsync(TcpClient server, TcpClient client, Task doomed)
    {
        var from = server.GetStream();
        var to = client.GetStream();
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (read == 0) break;
                if (doomed.IsCompleted)
                {
                    Interlocked.Increment(ref _cuts);
                    client.Client.Close(0);
                    server.Client.Shutdown(SocketShutdown.Send);
                    while (await from.ReadAsync(buffer, _stop.Token) > 0)
                    {
                    }
                    return;
                }
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
            client.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] pumps;
        lock (_gate) pumps = [.. _pumps];
        await Task.WhenAll(pumps);
        _stop.Dispose();
    }
}
