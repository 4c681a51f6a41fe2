using System.Data.Common;

namespace Offload.Storage.Sql;

/// <summary>An open write transaction on its connection, with the provider's own types, and what it holds until disposed.</summary>
public sealed class SqlWrite<TConnection, TTransaction>(TConnection connection, TTransaction transaction, Action? release = null) : IAsyncDisposable
    where TConnection : DbConnection
    where TTransaction : DbTransaction
{
    public TConnection Connection { get; } = connection;
    public TTransaction Transaction { get; } = transaction;

    /// <summary><c>var (c, t) = write;</c> where a driver's own SQL wants both.</summary>
    public void Deconstruct(out TConnection connection, out TTransaction transaction) => (connection, transaction) = (Connection, Transaction);

    /// <summary>Rolls back what was not committed, closes the connection, then lets go of what the write held (SQLite's write lock).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
        finally
        {
            release?.Invoke();
        }
    }
}
