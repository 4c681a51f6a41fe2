using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Offload.Platform.Localization;
using Offload.Platform.Users;
using Offload.Web.Auth;

namespace Offload.Web.Pages;

[EnableRateLimiting(PagesSetup.LoginRateLimit)]
internal sealed class LoginModel(IUserStore users, Credentials credentials, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(Destination) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (check, found) = await credentials.CheckAsync(Input.Username, Input.Password, HttpContext.Connection.RemoteIpAddress, ct);
        if (check == CredentialCheck.Blocked)
        {
            Error = t["Too many wrong passwords for this account: wait a minute and try again"];
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        // The session needs the whole account (branches), which the password lookup does not read.
        if (found is null || await users.GetAsync(new GetUserRequest(found.Id), ct) is not { } user)
        {
            Error = t["Wrong username or password"];
            return Page();
        }
        // Under the stamp the password was checked against: a change in between makes this session stillborn, never newer.
        await HttpContext.SignInAsync(CookieAuth.SchemeName, CookieAuth.NewSession(user with { SecurityStamp = found.SecurityStamp }));
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
