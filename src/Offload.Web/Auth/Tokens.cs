using System.Security.Cryptography;
using System.Text;

namespace Offload.Web.Auth;

/// <summary>API tokens: 256 random bits handed out once; only their SHA-256 is stored.</summary>
internal static class Tokens
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
