using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Offload.Platform.Identity;
using Offload.Platform.Users;
using Offload.Web.Hosting;

namespace Offload.Web.Auth;

/// <summary>POST /api/auth/tokens, DELETE /api/auth/tokens/current, GET /api/me, DELETE /api/users/{id}/tokens.</summary>
internal static class AuthApi
{
    public const string TokenRateLimit = "tokens";

    public sealed record TokenRequest(string? Username, string? Password);
    public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);
    public sealed record MeResponse(long Id, string Username, string Role, string Language, IReadOnlyList<long> BranchIds);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/api/auth/tokens");
        tokens.MapPost("", CreateTokenAsync).AllowAnonymous().RequireRateLimiting(TokenRateLimit);
        tokens.MapDelete("/current", RevokeCurrentAsync);
        app.MapGet("/api/me", GetMeAsync);
        app.MapDelete("/api/users/{id:long}/tokens", RevokeUserTokensAsync).RequireAuthorization(AuthSetup.SuperadminPolicy);
        return app;
    }

    private static async Task<IResult> CreateTokenAsync(TokenRequest? request, HttpContext http, Credentials credentials, ITokenStore tokens,
        TimeProvider clock, IOptions<OffloadSettings> settings, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request?.Username))
            return Problems.Result(400, "The username is missing", "Send {\"username\": ..., \"password\": ...}.", "username");
        if (string.IsNullOrEmpty(request.Password))
            return Problems.Result(400, "The password is missing", "Send {\"username\": ..., \"password\": ...}.", "password");
        var (check, user) = await credentials.CheckAsync(request.Username, request.Password, http.Connection.RemoteIpAddress, ct);
        if (check == CredentialCheck.Blocked)
            return Problems.Result(429, "Too many attempts", "Too many wrong passwords for this account from your address: wait a minute before asking for another token.", "username");
        if (user is null)
            return Problems.Result(401, "Wrong username or password", "Check both and try again.", "password");
        var token = Tokens.New();
        var now = clock.GetUtcNow();
        var expires = now + settings.Value.Auth.TokenLifetime;
        // Under the stamp the password was checked against, so a change in between leaves this token dead rather than newer.
        await tokens.CreateAsync(new CreateTokenRequest(Tokens.Hash(token), user.Id, now, expires, user.SecurityStamp), ct);
        return TypedResults.Created((string?)null, new TokenResponse(token, expires));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeCurrentAsync(HttpContext http, ITokenStore tokens,
        AccountChanges changes, TimeProvider clock, CancellationToken ct)
    {
        if (http.Items[BearerTokenHandler.TokenHashItem] is not string hash)
            return TypedResults.Problem(Problems.Details(400, "No token in use", "This request was not authenticated with a bearer token.", "Authorization"));
        await tokens.RevokeAsync(new RevokeTokenRequest(hash, clock.GetUtcNow()), ct);
        changes.Changed(http.User.ToActor().Id);
        return TypedResults.NoContent();
    }

    /// <summary>A Superadmin revokes every token of an account (a leaked script token, a person leaving); its cookie sessions are untouched.</summary>
    private static async Task<Results<NoContent, NotFound>> RevokeUserTokensAsync(long id, IUserStore users, ITokenStore tokens,
        AccountChanges changes, TimeProvider clock, CancellationToken ct)
    {
        if (await users.GetAsync(new GetUserRequest(id), ct) is null) return TypedResults.NotFound();
        await tokens.RevokeAllAsync(new RevokeUserTokensRequest(id, clock.GetUtcNow()), ct);
        // Its open streams on this node re-check now, not at their next interval.
        changes.Changed(id);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MeResponse>, NotFound>> GetMeAsync(HttpContext http, IUserStore users, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        var user = await users.GetAsync(new GetUserRequest(actor.Id), ct);
        if (user is null) return TypedResults.NotFound();
        return TypedResults.Ok(new MeResponse(user.Id, user.Username, user.Role, user.Language, actor.BranchIds));
    }
}
