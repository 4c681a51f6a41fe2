namespace Offload.Jobs.Audit;

/// <summary>A person as the audit trail keeps them: id and username as they were when the action happened.</summary>
public sealed record AuditUser(long Id, string Username);
