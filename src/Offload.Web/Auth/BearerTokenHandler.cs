using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Web.Auth;

/// <summary>Authenticates "Authorization: Bearer &lt;token&gt;" against the hashed tokens in the store.</summary>
internal sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, PrincipalValidity validity)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    public const string TokenHashItem = "offload:token-hash";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var hash = Tokens.Hash(header["Bearer ".Length..].Trim());
        // The account is read afresh (role, branches) so a change applies to the next request, not the next token.
        var user = await validity.ForTokenAsync(hash, Context.RequestAborted);
        if (user is null) return AuthenticateResult.Fail("The token is unknown, expired or revoked.");
        Context.Items[TokenHashItem] = hash;
        var principal = new ClaimsPrincipal(new ClaimsIdentity([.. UserClaims.For(user), new Claim(UserClaims.Token, hash)], SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.Write(Context, StatusCodes.Status401Unauthorized, "Sign in first",
            "Send 'Authorization: Bearer <token>' (POST /api/auth/tokens gives one).", "Authorization");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Write(Context, StatusCodes.Status403Forbidden, "Not allowed",
            "Only Superadmins and Power Users may use background jobs.", null);
}

/// <summary>The claims a signed-in user carries, and the way back to an <see cref="Actor"/>.</summary>
internal static class UserClaims
{
    public const string Branch = "offload:branch";
    public const string Language = "offload:lang";

    /// <summary>A cookie's: the user's security stamp when it was issued (<see cref="PrincipalValidity"/>).</summary>
    public const string Stamp = "offload:stamp";

    /// <summary>A cookie's: its session's random id, remembered on the server once signed out.</summary>
    public const string Session = "offload:session";

    /// <summary>A bearer principal's: the SHA-256 of its token, so it can be checked again later. Never leaves the process.</summary>
    public const string Token = "offload:token";

    public static IEnumerable<Claim> For(User user) =>
    [
        new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
        new(ClaimTypes.Name, user.Username),
        new(ClaimTypes.Role, user.Role),
        new(Language, user.Language),
        .. user.BranchIds.Select(b => new Claim(Branch, b.ToString(CultureInfo.InvariantCulture))),
    ];

    public static Actor ToActor(this ClaimsPrincipal principal) => new(
        long.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture),
        principal.FindFirstValue(ClaimTypes.Name)!,
        principal.FindFirstValue(ClaimTypes.Role)!,
        [.. principal.FindAll(Branch).Select(c => long.Parse(c.Value, CultureInfo.InvariantCulture))]);
}
