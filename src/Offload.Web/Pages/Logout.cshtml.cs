using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Offload.Web.Auth;

namespace Offload.Web.Pages;

/// <summary>Signing out is a POST with the antiforgery token, so another site cannot sign a user out.</summary>
internal sealed class LogoutModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await CookieAuth.SignOutAsync(HttpContext);
        return Redirect(CookieAuth.LoginPath);
    }
}
