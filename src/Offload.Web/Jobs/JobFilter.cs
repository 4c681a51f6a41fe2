using System.Globalization;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform;
using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Web.Jobs;

/// <summary>
/// The list's filters (SPEC §10) as the API and the page take them, checked once for both: kind, status, owner (a
/// username), creation dates and text. Bad input is a <see cref="RequestRejectedException"/> naming the field.
/// </summary>
internal sealed record JobFilter(string? Kind, JobStatus? Status, string? Owner, DateTimeOffset? From, DateTimeOffset? To, string? Text)
{
    /// <summary>The longest text searched for: enough for any file name, and a bound on what the database is asked.</summary>
    public const int MaxText = 100;

    /// <summary>Usernames are at most this long; a longer owner cannot match anyone.</summary>
    private const int MaxOwner = 100;

    public static JobFilter None { get; } = new(null, null, null, null, null, null);

    public bool IsEmpty => this == None;

    /// <summary>
    /// Reads the raw values; a date without a time is a whole day (from its first instant, to its last) at
    /// <paramref name="offset"/> from UTC (the page's viewer's; the API's is UTC), a date-time without an offset is UTC.
    /// </summary>
    public static JobFilter Parse(string? kind, string? status, string? owner, string? from, string? to, string? q, JobKinds kinds,
        TimeSpan offset = default)
    {
        kind = Blank(kind);
        if (kind is not null && !kinds.Knows(kind))
            throw new RequestRejectedException("Unknown kind", "kind must be one of {0}.", "kind", 400, kinds.Names);
        JobStatus? parsedStatus = null;
        if (Blank(status) is { } s)
        {
            if (!JobStatuses.TryParse(s, out var st))
                throw new RequestRejectedException("Unknown status", "status must be one of queued, running, aborting, completed, aborted, failed, paused.", "status");
            parsedStatus = st;
        }
        owner = Blank(owner);
        if (owner is { Length: > MaxOwner })
            throw new RequestRejectedException("Owner too long", "owner is a username of at most {0} characters.", "owner", 400, MaxOwner);
        var fromAt = Instant(from, "from", offset, endOfDay: false);
        var toAt = Instant(to, "to", offset, endOfDay: true);
        if (fromAt > toAt)
            throw new RequestRejectedException("Dates in the wrong order", "to must not be before from.", "to");
        var text = Blank(q);
        if (text is { Length: > MaxText })
            throw new RequestRejectedException("Search text too long", "q may be at most {0} characters.", "q", 400, MaxText);
        return new JobFilter(kind, parsedStatus, owner, fromAt, toAt, text);
    }

    /// <summary>
    /// The store's request for <paramref name="actor"/>: only their own jobs unless a Superadmin looks at all of them.
    /// Null when nothing can match — an owner no account has, or (for anyone but a Superadmin's All jobs) anyone but
    /// the reader: the filters combine with what the reader may see, so another person's jobs are never shown, and
    /// whether that person exists is not told either.
    /// </summary>
    public async Task<ListJobsRequest?> ToRequestAsync(Actor actor, bool allJobs, int limit, Guid? before, IUserStore users, CancellationToken ct)
    {
        long? ownerId = actor.IsSuperadmin && allJobs ? null : actor.Id;
        if (Owner is not null)
        {
            if (await users.FindByUsernameAsync(new FindUserRequest(Owner), ct) is not { } user) return null;
            if (ownerId is { } visible && visible != user.Id) return null;
            ownerId = user.Id;
        }
        return new ListJobsRequest(ownerId, Status, limit, before) { Kind = Kind, CreatedFrom = From, CreatedTo = To, Text = Text };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTimeOffset? Instant(string? raw, string field, TimeSpan offset, bool endOfDay)
    {
        if (Blank(raw) is not { } value) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), offset);
            // "to" a day keeps the whole day: up to its last instant the stores can tell apart.
            return endOfDay ? start.AddDays(1).AddTicks(-1) : start;
        }
        if (value.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var at))
            return at;
        throw new RequestRejectedException("Invalid date", "{0} must be a date (2026-12-01) or a date and time (2026-12-01T08:30:00Z).", field, 400, field);
    }
}
