namespace Offload.Platform.Identity;

/// <summary>
/// Cookie sessions ended on the server. A session cookie is self-contained, so signing out only deletes the
/// browser's copy; remembering the session's id until any copy of it would have expired anyway makes a
/// copy taken before sign-out useless, without signing the user out of their other browsers.
/// </summary>
public interface ISessionStore
{
    Task EndAsync(EndSessionRequest request, CancellationToken ct);

    Task<bool> IsEndedAsync(IsSessionEndedRequest request, CancellationToken ct);
}

/// <param name="ForgetAt">When no copy of the session's cookie can be valid any more; ended sessions past it are dropped.</param>
public sealed record EndSessionRequest(string SessionId, DateTimeOffset Now, DateTimeOffset ForgetAt);

public sealed record IsSessionEndedRequest(string SessionId);
