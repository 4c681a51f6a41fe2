using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace Offload.Web.Auth;

/// <summary>
/// Wrong passwords per account <em>and address</em>, shared by the login form and POST /api/auth/tokens so the
/// two cannot be alternated to double the budget. Counting per account alone let anybody lock any account
/// out (ten wrong passwords a minute for "admin" kept its owner out for as long as they went on): here a
/// guesser only ever spends the budget of their own address, and the owner signing in from anywhere else is
/// never refused. Guessing from many addresses is bounded by this budget per address, on top of the
/// per-address request limits (<see cref="AuthSetup"/>, <c>PagesSetup</c>). Only failures count: a script that
/// signs in often with the right password is never slowed down.
/// </summary>
internal sealed class AccountAttempts : IDisposable
{
    /// <summary>Wrong passwords per account, address and minute; a person who mistypes a few times never meets it.</summary>
    public const int FailuresPerMinute = 10;

    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = FailuresPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    /// <summary>True when this address spent its wrong passwords for the account this minute: refuse before checking the password.</summary>
    public bool IsBlocked(string username, IPAddress? address) =>
        _failures.GetStatistics(Key(username, address)) is { CurrentAvailablePermits: <= 0 };

    public void CountFailure(string username, IPAddress? address) => _failures.AttemptAcquire(Key(username, address)).Dispose();

    private static string Key(string username, IPAddress? address) => username.Trim().ToLowerInvariant() + "|" + Network(address);

    /// <summary>An IPv6 host usually holds a whole /64: counting its single addresses would give one guesser endless fresh budgets.</summary>
    private static string Network(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4().ToString();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public void Dispose() => _failures.Dispose();
}
