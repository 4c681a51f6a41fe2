namespace Offload.Platform.MassActions;

/// <summary>
/// What a mass action on a selection would do, computed before anything runs (SPEC §9), from the same
/// checks the job makes: <see cref="InScope"/> + <see cref="OutOfScope"/> = <see cref="Total"/>, and
/// <see cref="NoChange"/> (already enrolled, already active, …) is part of <see cref="InScope"/>.
/// </summary>
/// <param name="Total">The users selected (distinct ids, or the filter's matches frozen now).</param>
/// <param name="InScope">The users the job will act on (or find already as asked).</param>
/// <param name="OutOfScope">The users that will become error rows: not found, outside the actor's branches, or not theirs to change.</param>
/// <param name="NoChange">The users in scope the action leaves as they are because they already are as asked.</param>
/// <param name="EstimatedSeconds">How long the job should take, from the throughput of this kind of job.</param>
public sealed record ActionPreview(long Total, long InScope, long OutOfScope, long NoChange, int EstimatedSeconds);
