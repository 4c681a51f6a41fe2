using Offload.Platform.Users;

namespace Offload.Platform.MassActions;

/// <summary>
/// Counts over a selection of users, made set-based by the database: what a preview is made of. A filter's
/// matches are counted where they are, never loaded; explicit ids travel as one parameter.
/// </summary>
public interface ISelectionCounts
{
    /// <summary>How many users the filter matches inside the scope (the Users screen's "select all N").</summary>
    Task<long> CountMatchingAsync(CountMatchingRequest request, CancellationToken ct);

    /// <summary>The counts of explicit ids, each given once.</summary>
    Task<SelectionCounts> CountIdsAsync(CountIdsRequest request, CancellationToken ct);

    /// <summary>The counts of a filter's matches inside the scope.</summary>
    Task<SelectionCounts> CountFilterAsync(CountFilterRequest request, CancellationToken ct);
}

/// <param name="ScopeBranchIds">Only users in one of these branches; null for everyone (Superadmin).</param>
public sealed record CountMatchingRequest(UserFilter Filter, IReadOnlyList<long>? ScopeBranchIds);

/// <summary>
/// The rules a job checks each selected user against (<see cref="UserBatchHandler{TInput}"/> and the action's handler),
/// as data a query can apply.
/// </summary>
/// <param name="ScopeBranchIds">The actor's branches: a user outside them is not visible; null (Superadmin) for all visible.</param>
/// <param name="OnlyRole">When set, a visible user of another role is <see cref="SelectionCounts.Forbidden"/> (a Power User changes plain users only).</param>
/// <param name="RefusedUserId">A user the action refuses whatever their role (the actor, for delete and deactivate): <see cref="SelectionCounts.Refused"/>.</param>
/// <param name="CourseIds">Distinct course ids whose enrollments <see cref="SelectionCounts.EnrolledInAll"/> and <see cref="SelectionCounts.EnrolledInAny"/> count; empty for none.</param>
public sealed record SelectionRules(IReadOnlyList<long>? ScopeBranchIds, string? OnlyRole, long? RefusedUserId, IReadOnlyList<long> CourseIds);

/// <param name="Ids">Distinct user ids.</param>
public sealed record CountIdsRequest(IReadOnlyList<long> Ids, SelectionRules Rules);

public sealed record CountFilterRequest(UserFilter Filter, SelectionRules Rules);

/// <summary>
/// A selection counted against <see cref="SelectionRules"/>. The users the action will act on ("acted on") are
/// <see cref="Visible"/> − <see cref="Forbidden"/> − <see cref="Refused"/>; the last four counts are among them.
/// </summary>
/// <param name="Visible">Selected users that exist and are in the scope (for a filter: every match).</param>
/// <param name="Forbidden">Visible users of a role other than <see cref="SelectionRules.OnlyRole"/>.</param>
/// <param name="Refused">Visible users not forbidden who are <see cref="SelectionRules.RefusedUserId"/> (0 or 1).</param>
/// <param name="Superadmins">Users acted on who are Superadmins.</param>
/// <param name="Active">Users acted on who are active.</param>
/// <param name="EnrolledInAll">Users acted on enrolled in every course of <see cref="SelectionRules.CourseIds"/> (0 without courses).</param>
/// <param name="EnrolledInAny">Users acted on enrolled in at least one of them.</param>
public sealed record SelectionCounts(long Visible, long Forbidden, long Refused, long Superadmins, long Active, long EnrolledInAll, long EnrolledInAny)
{
    /// <summary>The users the action will act on.</summary>
    public long ActedOn => Visible - Forbidden - Refused;
}
