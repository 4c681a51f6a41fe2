using Offload.Jobs.Audit;
using Offload.Platform.Users;

namespace Offload.Web.Audit;

/// <summary>
/// The audit trail's filters as a query string gives them (<c>actor</c>: a username as it was recorded, any case;
/// <c>action</c>: one of <see cref="AuditActions"/>), checked once for the API, its CSV and the page.
/// </summary>
internal sealed record AuditQuery(string? Actor, string? Action)
{
    /// <summary>The filters, or the problem with the field at fault.</summary>
    public static (AuditQuery? Query, IResult? Problem) Parse(string? actor, string? action)
    {
        var name = string.IsNullOrWhiteSpace(actor) ? null : actor.Trim();
        if (name?.Length > UserRules.MaxNameLength)
            return (null, Problems.Result(400, "Username too long", "actor is a username of at most {0} characters.", "actor", UserRules.MaxNameLength));
        var wanted = string.IsNullOrEmpty(action) ? null : action;
        if (wanted is not null && !AuditActions.IsKnown(wanted))
            return (null, Problems.Result(400, "Unknown action", "action must be one of {0}.", "action", string.Join(", ", AuditActions.All)));
        return (new AuditQuery(name, wanted), null);
    }

    public ListAuditRequest Page(int limit, long? before) => new(limit, before, Actor, Action);
}
