namespace Offload.Jobs.Storage;

/// <summary>The in-app notifications written when jobs end.</summary>
public interface INotificationStore
{
    Task<NotificationPage> ListAsync(ListNotificationsRequest request, CancellationToken ct);

    /// <summary>False when the notification does not exist or is someone else's.</summary>
    Task<bool> MarkReadAsync(MarkReadRequest request, CancellationToken ct);
}

public sealed record Notification(long Id, Guid JobId, string Title, DateTimeOffset CreatedAt, bool Read);

public sealed record NotificationPage(long Unread, IReadOnlyList<Notification> Items);

public sealed record ListNotificationsRequest(long UserId, int Limit);

public sealed record MarkReadRequest(long Id, long UserId, DateTimeOffset Now);
