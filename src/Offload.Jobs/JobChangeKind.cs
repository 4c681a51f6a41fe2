namespace Offload.Jobs;

/// <summary>What happened to a job, as <see cref="JobEvents"/> tells it.</summary>
public enum JobChangeKind
{
    /// <summary>Its row was written: queued, waiting for a worker.</summary>
    Created,
    /// <summary>A chunk committed: its progress moved.</summary>
    Progress,
    /// <summary>An abort was asked for while it ran; the worker ends it.</summary>
    Aborting,
    /// <summary>A pause was asked for while it ran; the worker pauses it at its next chunk boundary.</summary>
    Pausing,
    /// <summary>It paused (at once when queued, else at its worker's chunk boundary): no worker holds it.</summary>
    Paused,
    /// <summary>It was resumed: queued again, for a worker to take.</summary>
    Resumed,
    /// <summary>It reached a final state (completed, aborted or failed).</summary>
    Finished,
    /// <summary>It was deleted, by a person or by retention.</summary>
    Deleted,
}
