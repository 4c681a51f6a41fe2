namespace Offload.Web.Pages.Shared;

/// <summary>
/// The "advanced" error-rate stop of a launch form (_StopOnErrorsField): two numbers, as typed (a refused value is shown
/// again), posted as stopOnErrors.percent and stopOnErrors.after.
/// </summary>
/// <param name="IdPrefix">Keeps the inputs' ids apart when a page holds two launch forms.</param>
/// <param name="ForImport">An import's hint names its default; the other actions' say blank runs to the end.</param>
/// <param name="Open">Open when it holds a refused value, so the reader sees what to fix.</param>
internal sealed record StopOnErrorsField(string IdPrefix, string? Percent, string? After, bool ForImport, bool Open = false);
