using Microsoft.Extensions.Logging;
using Npgsql;
using Offload.Jobs;
using Offload.Storage.Sql.Jobs;

namespace Offload.Storage.Postgres.Jobs;

/// <summary>
/// Job changes between nodes over LISTEN/NOTIFY (<see cref="JobChangeRelay"/>): one unpooled listener connection per
/// process, and NOTIFY for a batch of changes in one statement on a pooled connection.
/// </summary>
public sealed class PgJobEventsBridge(PostgresDatabase db, JobEvents events, JobSignal signal, ILogger<PgJobEventsBridge> logger)
    : JobChangeRelay(events, signal, logger)
{
    protected override Task ListenAsync(CancellationToken ct) =>
        KeepListeningAsync(async ct =>
        {
            await using var connection = await db.OpenListenerAsync(ct);
            connection.Notification += (_, e) => Receive(e.Payload);
            await using (var listen = new NpgsqlCommand($"LISTEN {PostgresDatabase.Channel}", connection))
                await listen.ExecuteNonQueryAsync(ct);
            Listening();
            while (!ct.IsCancellationRequested) await connection.WaitAsync(ct);
        }, "Lost the LISTEN connection; reconnecting", ct);

    protected override async Task NotifyAsync(string[] payloads, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var notify = new NpgsqlCommand($"SELECT pg_notify('{PostgresDatabase.Channel}', p) FROM unnest(@payloads) p", connection);
        notify.Parameters.AddWithValue("payloads", payloads);
        await notify.ExecuteNonQueryAsync(ct);
    }
}
