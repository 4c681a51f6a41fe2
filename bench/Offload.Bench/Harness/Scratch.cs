namespace Offload.Bench.Harness;

/// <summary>A temporary folder for one measurement's SQLite file and job files, removed afterwards.</summary>
internal sealed class Scratch : IDisposable
{
    public Scratch(string name)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"offload-bench-{name}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a file still open at exit: the OS temp cleaner takes it */ }
    }
}
