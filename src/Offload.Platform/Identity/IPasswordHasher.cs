namespace Offload.Platform.Identity;

/// <summary>Port to the host's standard password hasher, so the platform never rolls its own crypto.</summary>
public interface IPasswordHasher
{
    string Hash(string password);
    bool Verify(string hash, string password);
}
