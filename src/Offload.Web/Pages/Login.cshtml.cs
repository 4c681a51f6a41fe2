using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Offload.Platform.Identity;
using Offload.Platform.Users;
using Offload.Web.Auth;

namespace Offload.Web.Pages;

[EnableRateLimiting(PagesSetup.LoginRateLimit)]
internal sealed class LoginModel(IUserStore users, IPasswordHasher hasher, AccountAttempts attempts) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(Destination) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Input.Username) && attempts.IsBlocked(Input.Username))
        {
            Error = "Too many wrong passwords for this account: wait a minute and try again";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        var found = string.IsNullOrWhiteSpace(Input.Username) || string.IsNullOrEmpty(Input.Password)
            ? null
            : await users.FindByUsernameAsync(new FindUserRequest(Input.Username.Trim()), ct);
        // One answer for unknown user, wrong password and inactive account: no hint which usernames exist.
        if (found is not { Active: true, PasswordHash: { } hash } || !hasher.Verify(hash, Input.Password!)
            || await users.GetAsync(new GetUserRequest(found.Id), ct) is not { } user)
        {
            if (!string.IsNullOrWhiteSpace(Input.Username)) attempts.CountFailure(Input.Username);
            Error = "Wrong username or password";
            return Page();
        }
        await HttpContext.SignInAsync(CookieAuth.SchemeName, CookieAuth.PrincipalFor(user));
        return LocalRedirect(Destination);
    }

    /// <summary>Back where the sign-in was asked for, but never off-site (no open redirect).</summary>
    private string Destination => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    public sealed class LoginInput
    {
        public string? Username { get; set; }
        public string? Password { get; set; }
    }
}
