using System.Data.Common;

namespace Offload.Jobs;

/// <summary>Tells the database being briefly out of reach apart from the work itself being wrong.</summary>
public static class DatabaseFaults
{
    /// <summary>
    /// True when the error, or one it wraps, is a database error its driver calls transient: a dropped
    /// connection, a server shutting down or restarting (PostgreSQL 57P01, 57P03), a busy SQLite file.
    /// </summary>
    public static bool IsTransient(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
            if (e is DbException db) return db.IsTransient;
        return false;
    }
}
