using Npgsql;

namespace Offload.Storage.Postgres;

/// <summary>Builds parameterized commands tersely; values are always parameters, never spliced into SQL.</summary>
internal static class PgCommands
{
    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql, NpgsqlTransaction? tx,
        params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, tx);
        Add(command.Parameters, parameters);
        return command;
    }

    /// <summary>The same, as one command of a batch.</summary>
    public static NpgsqlBatchCommand BatchCommand(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        Add(command.Parameters, parameters);
        return command;
    }

    private static void Add(NpgsqlParameterCollection to, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
            to.AddWithValue(name, value switch { null => DBNull.Value, DateTimeOffset t => t.ToUniversalTime(), _ => value });
    }
}
