using Offload.Jobs;
using Offload.Jobs.Storage;

namespace Offload.Browser.Tests;

/// <summary>
/// The real store, with a pause before each chunk opens its transaction: a job of N rows takes at least
/// N / <see cref="LiveApp.ChunkSize"/> × <see cref="LiveApp.ChunkPause"/>, however fast the machine, so a
/// browser can watch its bar move and press X while it runs. The pause holds no lock and no transaction.
/// </summary>
internal sealed class PacedJobStore(IJobStore inner, TimeSpan pause) : IJobStore
{
    public Task<Job> EnqueueAsync(EnqueueRequest request, CancellationToken ct) => inner.EnqueueAsync(request, ct);

    public Task<IReadOnlyList<Job>> ClaimAsync(ClaimRequest request, CancellationToken ct) => inner.ClaimAsync(request, ct);

    public async Task<ChunkTransaction> BeginChunkAsync(BeginChunkRequest request, CancellationToken ct)
    {
        await Task.Delay(pause, ct);
        return await inner.BeginChunkAsync(request, ct);
    }

    public Task<LeaseState> HeartbeatAsync(HeartbeatRequest request, CancellationToken ct) => inner.HeartbeatAsync(request, ct);

    public Task<bool> FinishAsync(FinishRequest request, CancellationToken ct) => inner.FinishAsync(request, ct);

    public Task<bool> PauseAsync(PauseLeasedRequest request, CancellationToken ct) => inner.PauseAsync(request, ct);

    public Task<bool> ReleaseAsync(ReleaseRequest request, CancellationToken ct) => inner.ReleaseAsync(request, ct);
}
