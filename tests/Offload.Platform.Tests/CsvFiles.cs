using System.Text;

namespace Offload.Platform.Tests;

/// <summary>Uploaded files as the checks meet them: bytes on disk in a folder of the test's own, removed at the end.</summary>
public sealed class CsvFiles : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "offload-csv-" + Guid.NewGuid().ToString("N"));
    private int _count;

    public CsvFiles() => Directory.CreateDirectory(_folder);

    /// <summary>A file holding <paramref name="text"/> as UTF-8 without a BOM.</summary>
    public string Write(string text) => Write(Utf8(text));

    public string Write(byte[] bytes)
    {
        var path = Path.Combine(_folder, $"upload-{++_count}.csv");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string PathOf(string name) => Path.Combine(_folder, name);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
