namespace Offload.Platform.Notifications;

/// <summary>What each job kind is called for people, in English and French.</summary>
public static class JobKinds
{
    private static readonly Dictionary<string, (string En, string Fr)> Names = new()
    {
        ["users.import"] = ("Users import", "Import d'utilisateurs"),
        ["enrollments.create"] = ("Enrollment", "Inscription"),
        ["enrollments.delete"] = ("Unenrollment", "Désinscription"),
        ["users.status"] = ("Activation / deactivation", "Activation / désactivation"),
        ["users.delete"] = ("Users deletion", "Suppression d'utilisateurs"),
        ["users.export"] = ("Users export", "Export d'utilisateurs"),
    };

    public static string Name(string kind, bool french) =>
        Names.TryGetValue(kind, out var n) ? (french ? n.Fr : n.En) : kind;
}
