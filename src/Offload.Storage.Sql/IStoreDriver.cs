using Microsoft.Extensions.DependencyInjection;

namespace Offload.Storage.Sql;

/// <summary>
/// A database Offload can keep everything in, as the host sees it: its name in <c>Offload:Store</c> and how it
/// registers itself (its <see cref="SqlDatabase"/>, every store port, and what it brings of its own, such as
/// PostgreSQL's cross-node notifications). Migrations and readiness are the database's
/// (<see cref="SqlDatabase"/>), so the host never asks which driver it runs on.
/// </summary>
public interface IStoreDriver
{
    /// <summary>The value of <c>Offload:Store</c> that picks this driver.</summary>
    string Name { get; }

    /// <summary>Registers everything this driver provides; throws with a sentence an operator can act on when <paramref name="location"/> is not enough.</summary>
    IServiceCollection AddStores(IServiceCollection services, StoreLocation location);
}

/// <summary>Where the store lives: <c>ConnectionStrings:Offload</c>, and the data folder a file database defaults into.</summary>
public sealed record StoreLocation(string? ConnectionString, string DataPath)
{
    /// <summary><c>ConnectionStrings:OffloadListen</c>: a direct connection for what a pooler cannot pass (PostgreSQL's LISTEN).</summary>
    public string? ListenConnectionString { get; init; }

    /// <summary><c>Offload:Postgres:Pooler</c>: what pools the main connection — none (default) or transaction (PgBouncer's pool_mode).</summary>
    public string? Pooler { get; init; }
}
