namespace Offload.Platform;

/// <summary>
/// A mass action refused before any job exists. Carries what the problem+json answer shows: a title a
/// person understands, the detail, and the field at fault.
/// </summary>
public sealed class RequestRejectedException(string title, string detail, string field, int status = 400) : Exception(detail)
{
    public string Title { get; } = title;
    public string Field { get; } = field;
    /// <summary>400 for bad input, 413 for an upload over the size limit.</summary>
    public int Status { get; } = status;
}
