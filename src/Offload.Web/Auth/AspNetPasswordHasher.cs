using Microsoft.AspNetCore.Identity;
using Offload.Platform.Identity;

namespace Offload.Web.Auth;

/// <summary>ASP.NET Core Identity's PBKDF2 hasher behind the platform's port.</summary>
internal sealed class AspNetPasswordHasher : Platform.Identity.IPasswordHasher
{
    private static readonly object Subject = new();
    private readonly PasswordHasher<object> _hasher = new();

    public string Hash(string password) => _hasher.HashPassword(Subject, password);

    public bool Verify(string hash, string password) =>
        _hasher.VerifyHashedPassword(Subject, hash, password) != PasswordVerificationResult.Failed;
}
