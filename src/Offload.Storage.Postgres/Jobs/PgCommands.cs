using Npgsql;

namespace Offload.Storage.Postgres.Jobs;

/// <summary>Builds parameterized commands tersely; values are always parameters, never spliced into SQL.</summary>
internal static class PgCommands
{
    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql, NpgsqlTransaction? tx,
        params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value switch { null => DBNull.Value, DateTimeOffset t => t.ToUniversalTime(), _ => value });
        return command;
    }
}
