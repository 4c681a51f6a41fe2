using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Offload.Bench.Offload;

/// <summary>
/// Counts and times every call the engine makes to a store interface — the idle scenario's meter on
/// SQLite (which has no server to ask) and a profile of where a tiny job's time goes.
/// </summary>
internal sealed class StoreCallMeter
{
    private readonly ConcurrentDictionary<string, (long Calls, long Ticks)> _calls = new();

    public long Calls => _calls.Values.Sum(c => c.Calls);

    public void Record(string method, long ticks) =>
        _calls.AddOrUpdate(method, (1, ticks), (_, c) => (c.Calls + 1, c.Ticks + ticks));

    /// <summary>Per method: calls and mean milliseconds, slowest total first.</summary>
    public string Report() => string.Join(Environment.NewLine, _calls.OrderByDescending(c => c.Value.Ticks)
        .Select(c => $"  {c.Key}: {c.Value.Calls} calls, {c.Value.Ticks * 1000.0 / Stopwatch.Frequency / c.Value.Calls:0.000} ms each"));

    /// <summary>Replaces the registration of <typeparamref name="T"/> with a metered wrapper of the same implementation.</summary>
    public void Meter<T>(IServiceCollection services) where T : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(registered);
        services.AddSingleton(sp => MeteredProxy<T>.Wrap(
            (T)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!), this));
    }
}

/// <summary>The wrapper: forwards each call and records how long its task took.</summary>
public class MeteredProxy<T> : DispatchProxy where T : class
{
    private T _inner = null!;
    private StoreCallMeter _meter = null!;

    internal static T Wrap(T inner, StoreCallMeter meter)
    {
        var proxy = Create<T, MeteredProxy<T>>();
        var self = (MeteredProxy<T>)(object)proxy;
        self._inner = inner;
        self._meter = meter;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        var started = Stopwatch.GetTimestamp();
        var result = method!.Invoke(_inner, args);
        var name = $"{typeof(T).Name}.{method.Name}";
        if (result is Task task)
            task.ContinueWith(_ => _meter.Record(name, Stopwatch.GetTimestamp() - started), TaskScheduler.Default);
        else
            _meter.Record(name, Stopwatch.GetTimestamp() - started);
        return result;
    }
}
