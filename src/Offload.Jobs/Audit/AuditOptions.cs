namespace Offload.Jobs.Audit;

/// <summary>The audit trail's settings, bound from "Offload:Audit".</summary>
public sealed class AuditOptions
{
    /// <summary>How long an entry is kept (Offload:Audit:Retention), whatever happened to its job since.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);
}
