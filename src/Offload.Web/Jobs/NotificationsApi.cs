using Microsoft.AspNetCore.Http.HttpResults;
using Offload.Jobs.Storage;
using Offload.Web.Auth;

namespace Offload.Web.Jobs;

/// <summary>/api/notifications: the signed-in user's notices of finished jobs, newest first, with the unread count.</summary>
internal static class NotificationsApi
{
    public sealed record NotificationDto(long Id, Guid JobId, string Title, DateTimeOffset CreatedAt, bool Read);
    public sealed record NotificationListDto(long Unread, IReadOnlyList<NotificationDto> Items);

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").RequireAuthorization(AuthSetup.JobsPolicy);
        group.MapGet("", async (HttpContext http, INotificationStore store, CancellationToken ct) =>
        {
            var page = await store.ListAsync(new ListNotificationsRequest(http.User.ToActor().Id, 50), ct);
            return TypedResults.Ok(new NotificationListDto(page.Unread,
                [.. page.Items.Select(n => new NotificationDto(n.Id, n.JobId, n.Title, n.CreatedAt, n.Read))]));
        });
        group.MapPost("/{id:long}/read", async Task<Results<NoContent, NotFound>> (long id, HttpContext http, INotificationStore store,
            TimeProvider clock, CancellationToken ct) =>
            await store.MarkReadAsync(new MarkReadRequest(id, http.User.ToActor().Id, clock.GetUtcNow()), ct)
                ? TypedResults.NoContent()
                : TypedResults.NotFound());
        return app;
    }
}
