namespace Offload.Platform.MassActions;

/// <summary>
/// What a mass action on a selection would do, computed before anything runs (SPEC §9), from the same
/// checks the job makes: <see cref="InScope"/> + <see cref="OutOfScope"/> = <see cref="Total"/>, and
/// <see cref="NoChange"/> (already enrolled, already active, …) is part of <see cref="InScope"/>. On an unchanged
/// database the job then has <see cref="Total"/> items, <see cref="OutOfScope"/> error rows, and changes
/// <see cref="InScope"/> − <see cref="NoChange"/> users (an export writes <see cref="InScope"/> rows).
/// </summary>
/// <param name="Total">The users selected: the distinct ids given, or the filter's matches inside the actor's branches (as the job freezes them).</param>
/// <param name="InScope">The users the job will act on (or find already as asked): <see cref="Total"/> − <see cref="OutOfScope"/>.</param>
/// <param name="OutOfScope">
/// The users that will become error rows: an id not found or outside the actor's branches; for a Power User, an
/// administrator (anyone but a plain user, themselves included); the acting user for delete and deactivate; for
/// delete, a Superadmin who would be the last one.
/// </param>
/// <param name="NoChange">
/// The users in scope the action leaves as they are: enroll, those already enrolled in every chosen course; unenroll,
/// those enrolled in none of them; activate or deactivate, those already active or inactive; delete and export, none.
/// </param>
/// <param name="EstimatedSeconds">How long the job should take for <see cref="Total"/> items, from the rate this kind of job lately ran at on this node (or its typical rate).</param>
public sealed record ActionPreview(long Total, long InScope, long OutOfScope, long NoChange, int EstimatedSeconds);
