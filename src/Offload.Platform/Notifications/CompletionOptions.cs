namespace Offload.Platform.Notifications;

/// <summary>Where links in mails and notifications point (Offload:PublicUrl), e.g. https://learning.example.com.</summary>
public sealed class CompletionOptions
{
    public string PublicUrl { get; set; } = "http://localhost:5000";
}
