namespace Offload.Web.Mail;

/// <summary>Offload:Smtp:Host|Port|From|Username|Password|Security (none|starttls|ssl).</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string From { get; set; } = "offload@localhost";
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string Security { get; set; } = "none";
}
