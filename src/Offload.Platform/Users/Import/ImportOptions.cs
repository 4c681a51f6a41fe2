namespace Offload.Platform.Users.Import;

/// <summary>Upload limits (Offload:Import:MaxBytes, Offload:Import:MaxRows) and how long a preview waits (Offload:Import:PreviewLifetime).</summary>
public sealed class ImportOptions
{
    public long MaxBytes { get; set; } = 50L * 1024 * 1024;
    public long MaxRows { get; set; } = 1_000_000;

    /// <summary>How long an import preview (and its uploaded file) waits for Start import before it is swept.</summary>
    public TimeSpan PreviewLifetime { get; set; } = TimeSpan.FromHours(1);
}
