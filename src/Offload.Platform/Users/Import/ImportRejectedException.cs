namespace Offload.Platform.Users.Import;

/// <summary>
/// The whole file is refused before any job exists. Carries what the problem+json answer shows:
/// a title a person understands, the detail, and the field at fault.
/// </summary>
public sealed class ImportRejectedException(string title, string detail, string field, int status = 400) : Exception(detail)
{
    public string Title { get; } = title;
    public string Field { get; } = field;
    /// <summary>400 for a malformed file, 413 for one over the size limit.</summary>
    public int Status { get; } = status;
}
