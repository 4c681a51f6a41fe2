using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Offload.Web.Tests;

/// <summary>
/// A hook in the host that says when the server side of an event stream has ended (its handler returned, its
/// subscriptions disposed): what a test waits on instead of sleeping after it closes a stream.
/// </summary>
public sealed class StreamEnds
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _ended = new();

    public void Install(IServiceCollection services) => services.AddSingleton<IStartupFilter>(new Hook(this));

    /// <summary>Waits until <paramref name="count"/> more streams of <paramref name="username"/> have ended on the server.</summary>
    public async Task WaitAsync(string username, int count = 1)
    {
        for (var i = 0; i < count; i++)
            Assert.True(await Of(username).WaitAsync(TimeSpan.FromMinutes(1)), $"a closed stream of {username} never ended on the server");
    }

    private SemaphoreSlim Of(string username) => _ended.GetOrAdd(username, _ => new SemaphoreSlim(0));

    private sealed class Hook(StreamEnds ends) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                try { await nextMiddleware(context); }
                finally
                {
                    if (context.Request.Path == "/api/jobs/events" && context.User.Identity?.Name is { } name) ends.Of(name).Release();
                }
            });
            next(app);
        };
    }
}
