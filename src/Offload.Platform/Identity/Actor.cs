namespace Offload.Platform.Identity;

/// <summary>Who is asking: the signed-in user as authorization and scope rules need them.</summary>
public sealed record Actor(long Id, string Username, string Role, IReadOnlyList<long> BranchIds)
{
    public bool IsSuperadmin => Role == Roles.Superadmin;

    /// <summary>Who they are for the audit trail: id and username as of now.</summary>
    public Jobs.Audit.AuditUser AsAuditUser() => new(Id, Username);
}
