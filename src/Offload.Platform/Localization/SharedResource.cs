namespace Offload.Platform.Localization;

/// <summary>
/// The one set of UI words (pages, problems, job descriptions, notifications, mails): <c>IStringLocalizer&lt;SharedResource&gt;</c>
/// reads <c>SharedResource.fr.resx</c> beside this file. Keys are the English text, so English needs no file of its own.
/// </summary>
public sealed class SharedResource
{
    private SharedResource()
    {
    }
}
