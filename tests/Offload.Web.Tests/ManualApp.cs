namespace Offload.Web.Tests;

/// <summary>No background workers: a test runs queued jobs itself (<see cref="OffloadApp.RunQueuedJobsAsync"/>) when it wants.</summary>
public sealed class ManualApp : IDisposable
{
    public OffloadApp App { get; } = new();

    public ManualApp() => App.Settings["Offload:Workers"] = "0";

    public void Dispose() => App.Dispose();
}
