using System.Globalization;

namespace Offload.Platform;

/// <summary>
/// A mass action refused before any job exists. Carries what the problem+json answer shows: a title a
/// person understands, the detail — a format with <c>{0}</c>-style holes and its values, so the answer can
/// word it in the reader's language — and the field at fault.
/// </summary>
public sealed class RequestRejectedException(string title, string detail, string field, int status = 400, params object[] args)
    // Only a detail with values is a format: the others are plain text that may hold braces (a JSON example).
    : Exception(args.Length == 0 ? detail : string.Format(CultureInfo.InvariantCulture, detail, args))
{
    /// <summary>The longest piece of user input a problem quotes back.</summary>
    private const int QuotedChars = 60;

    public string Title { get; } = title;

    /// <summary>The detail's format, the English key of its translations; <see cref="DetailArgs"/> fill its holes.</summary>
    public string Detail { get; } = detail;

    public IReadOnlyList<object> DetailArgs { get; } = args;

    public string Field { get; } = field;
    /// <summary>400 for bad input, 413 for an upload over the size limit.</summary>
    public int Status { get; } = status;

    /// <summary>A value a person typed (a column name, a header), cut short enough to quote back in a problem.</summary>
    public static string Quote(string value) => value.Length <= QuotedChars ? value : value[..QuotedChars] + "…";
}
