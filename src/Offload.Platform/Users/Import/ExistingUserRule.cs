using Offload.Jobs;
using Offload.Platform.Identity;

namespace Offload.Platform.Users.Import;

/// <summary>What importing a valid row does.</summary>
public enum ImportOutcome
{
    Create,
    Update,
    /// <summary>The username is taken and may not be updated: an error row.</summary>
    Refuse,
}

/// <summary>
/// The import's one rule for a username that already exists, called by the preview for each valid row and by
/// the job for each row its store refused. The stores' upsert statements apply the same rule in SQL (update
/// only a plain user, only when asked, only in the actor's branches); the preview tests hold them to this.
/// </summary>
public static class ExistingUserRule
{
    public const string AlreadyExists = "A user with this username already exists (choose 'update existing users' to update it).";

    public static ImportOutcome Decide(ExistingAccount? existing, bool updateExisting) => existing switch
    {
        null => ImportOutcome.Create,
        { Role: Roles.User, InScope: true } when updateExisting => ImportOutcome.Update,
        _ => ImportOutcome.Refuse,
    };

    /// <summary>The error row of a refused row.</summary>
    public static ItemError Refused(long row, string username) => new(row, ImportColumns.Username, AlreadyExists, username);
}
