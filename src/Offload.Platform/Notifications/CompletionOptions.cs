namespace Offload.Platform.Notifications;

/// <summary>Where mails point people to (Offload:PublicUrl), e.g. https://learning.example.com.</summary>
public sealed class CompletionOptions
{
    public string? PublicUrl { get; set; }
}
