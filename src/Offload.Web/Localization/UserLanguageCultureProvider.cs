using Microsoft.AspNetCore.Localization;
using Offload.Web.Auth;

namespace Offload.Web.Localization;

/// <summary>The signed-in user's language (en|fr), read from their session's claims.</summary>
internal sealed class UserLanguageCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        Task.FromResult(httpContext.User.FindFirst(UserClaims.Language)?.Value is { Length: > 0 } language
            ? new ProviderCultureResult(language)
            : null);
}
