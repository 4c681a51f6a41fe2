namespace Offload.Testing;

/// <summary>The repository checkout the running tests or bench were built from.</summary>
public static class Checkout
{
    /// <summary>The folder holding Offload.slnx, found upwards from the running program's own folder.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Offload.slnx"))) folder = folder.Parent;
        return folder?.FullName ?? throw new DirectoryNotFoundException($"No Offload.slnx above {AppContext.BaseDirectory}.");
    }
}
