using System.Threading.RateLimiting;

namespace Offload.Web.Auth;

/// <summary>
/// Wrong passwords per account, whatever address they come from: the per-address limits alone let a guesser
/// with many addresses try one account without end (SPEC §7: per user and per IP). Shared by the login form
/// and POST /api/auth/tokens, so the two cannot be alternated to double the budget. Only failures count:
/// a script that signs in often with the right password is never slowed down.
/// </summary>
internal sealed class AccountAttempts : IDisposable
{
    /// <summary>Wrong passwords per account and minute; a person who mistypes a few times never meets it.</summary>
    public const int FailuresPerMinute = 10;

    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = FailuresPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    /// <summary>True when the account's wrong passwords for this minute are spent: refuse before checking the password.</summary>
    public bool IsBlocked(string username) => _failures.GetStatistics(Key(username)) is { CurrentAvailablePermits: <= 0 };

    public void CountFailure(string username) => _failures.AttemptAcquire(Key(username)).Dispose();

    private static string Key(string username) => username.Trim().ToLowerInvariant();

    public void Dispose() => _failures.Dispose();
}
