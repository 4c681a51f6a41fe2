namespace Offload.Web.Hosting;

/// <summary>Host-level settings from the "Offload" section that the engine and platform do not own (DataPath is
/// <see cref="Offload.Jobs.JobsOptions"/>'s, PublicUrl <see cref="Offload.Platform.Notifications.CompletionOptions"/>'s).</summary>
public sealed class OffloadSettings
{
    /// <summary>sqlite (default, one node) or postgres (many nodes).</summary>
    public string Store { get; set; } = "sqlite";

    public BootstrapSettings Bootstrap { get; set; } = new();

    public AuthSettings Auth { get; set; } = new();
}

/// <summary>Sign-in settings (Offload:Auth:...).</summary>
public sealed class AuthSettings
{
    /// <summary>How long a token from POST /api/auth/tokens lives (its expiresAt), unless revoked or its owner's stamp changes first.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>The first Superadmin, created on the first start (Offload__Bootstrap__AdminPassword / AdminEmail).</summary>
public sealed class BootstrapSettings
{
    public string? AdminPassword { get; set; }
    public string AdminEmail { get; set; } = "admin@localhost";
}
