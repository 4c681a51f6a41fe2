namespace Offload.Platform.Users.Import;

/// <summary>Upload limits (Offload:Import:MaxBytes, Offload:Import:MaxRows).</summary>
public sealed class ImportOptions
{
    public long MaxBytes { get; set; } = 50L * 1024 * 1024;
    public long MaxRows { get; set; } = 1_000_000;
}
