namespace Offload.Web.MassActions;

/// <summary>The import form's fields besides the file: what the import and its preview were asked.</summary>
internal sealed record ImportForm(bool UpdateExisting, StopOnErrorsDto? StopOnErrors);

/// <summary>
/// The error-rate stop as form fields (multipart uploads and the screens): <c>stopOnErrors=false</c> for none, or
/// <c>stopOnErrors.percent</c> and <c>stopOnErrors.after</c>; nothing sent, or both left blank, means the default.
/// </summary>
internal sealed class StopOnErrorsForm
{
    public const string Prefix = "stopOnErrors";

    private long? _percent;
    private long? _after;
    private bool _off;

    /// <summary>What the fields asked for; null when they asked nothing.</summary>
    public StopOnErrorsDto? Asked => _off ? new StopOnErrorsDto(null, null, Off: true)
        : _percent is null && _after is null ? null : new StopOnErrorsDto(_percent, _after);

    /// <summary>The fields of a screen's launch form (the numbers only: a screen offers 100% to never stop).</summary>
    public static StopOnErrorsDto? Of(IFormCollection form)
    {
        var fields = new StopOnErrorsForm();
        foreach (var name in (string[])[Prefix + ".percent", Prefix + ".after"])
            fields.Read(name, form.TryGetValue(name, out var value) ? value.ToString().Trim() : null);
        return fields.Asked;
    }

    /// <summary>Takes one field (its value null when too long to be one); a 400 naming it when it cannot be read.</summary>
    public IResult? Read(string name, string? value)
    {
        switch (name)
        {
            case Prefix:
                if (value is null || !UsersImportApi.TryParseFlag(value, out var on) || on)
                    return Problems.Result(400, "stopOnErrors must be false", "Send stopOnErrors=false for no stop, or stopOnErrors.percent and stopOnErrors.after.",
                        Prefix);
                _off = true;
                return null;
            case Prefix + ".percent":
                _percent = Number(value);
                return null;
            case Prefix + ".after":
                _after = Number(value);
                return null;
            default:
                return null;
        }
    }

    /// <summary>Blank is no value; a whole number is one; anything else reads as 0, which the rule's check refuses by name.</summary>
    private static long? Number(string? value) =>
        string.IsNullOrEmpty(value) ? null : long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
}
