using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Offload.Web.Tests;

/// <summary>
/// Clients of a real host process that come from distinct loopback addresses (127.0.0.0/8 is all loopback
/// on Linux), so per-address limits can be tested as many callers, and a browser-like sign-in that keeps
/// cookies by hand — Secure cookies included, which a cookie container would not send back over http.
/// </summary>
public static partial class LoopbackClients
{
    public static HttpClient From(Uri host, string sourceAddress) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(sourceAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { BaseAddress = host };

    /// <summary>Opens /login and posts the form back with its antiforgery token; every Set-Cookie seen on the way.</summary>
    public static async Task<(HttpResponseMessage Response, List<string> SetCookies)> SignInWithFormAsync(HttpClient client, string username,
        string password, bool behindHttpsProxy = false)
    {
        var cookies = new List<string>();
        using var get = new HttpRequestMessage(HttpMethod.Get, "/login");
        if (behindHttpsProxy) get.Headers.Add("X-Forwarded-Proto", "https");
        var form = await client.SendAsync(get);
        cookies.AddRange(form.Headers.TryGetValues("Set-Cookie", out var set) ? set : []);
        var token = FormToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;

        var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Username"] = username, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c.Split(';')[0])));
        if (behindHttpsProxy) post.Headers.Add("X-Forwarded-Proto", "https");
        var response = await client.SendAsync(post);
        cookies.AddRange(response.Headers.TryGetValues("Set-Cookie", out var more) ? more : []);
        return (response, cookies);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
