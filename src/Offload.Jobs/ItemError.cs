namespace Offload.Jobs;

/// <summary>One item that could not be processed; becomes a line of the job's downloadable log.</summary>
/// <param name="Row">Row number as a person sees it (CSV: the header is row 1) or the item's position.</param>
/// <param name="Field">The column or field at fault, empty when the whole item is.</param>
/// <param name="Message">What went wrong, in words an admin understands.</param>
/// <param name="Value">The raw offending value, as received.</param>
public sealed record ItemError(long Row, string Field, string Message, string? Value);
