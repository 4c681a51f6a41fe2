using Offload.Platform.Users.Import;

namespace Offload.Platform.Tests;

/// <summary>The list of repeated usernames the upload check leaves next to the file, which the job reads back when it starts.</summary>
public sealed class DuplicateRowsTests : IDisposable
{
    private readonly CsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void What_is_saved_is_loaded_back_row_for_row()
    {
        var path = _files.PathOf("duplicates.bin");
        new DuplicateRows([4, 5, 9, 1_000_001], [2, 2, 3, 7]).Save(path);
        var loaded = DuplicateRows.Load(path);
        Assert.Equal(4, loaded.Count);
        Assert.Equal([2L, 2L, 3L, 7L], new long[] { 4, 5, 9, 1_000_001 }.Select(r => loaded.TryGetFirst(r, out var first) ? first : -1));
        Assert.False(loaded.TryGetFirst(3, out var none));
        Assert.Equal(0, none);
    }

    [Fact]
    public void No_file_means_no_duplicates()
    {
        var loaded = DuplicateRows.Load(_files.PathOf("absent.bin"));
        Assert.Equal(0, loaded.Count);
        Assert.False(loaded.TryGetFirst(2, out _));
    }

    [Fact]
    public void A_file_of_no_duplicates_loads_empty()
    {
        var path = _files.PathOf("none.bin");
        DuplicateRows.None.Save(path);
        Assert.Equal(0, DuplicateRows.Load(path).Count);
    }

    [Fact]
    public void A_list_saved_in_no_order_by_an_older_version_is_still_found_row_by_row()
    {
        var path = _files.PathOf("old.bin");
        using (var writer = new BinaryWriter(File.Create(path)))
        {
            writer.Write(3);
            foreach (var (row, first) in new (long, long)[] { (9, 3), (4, 2), (6, 2) })
            {
                writer.Write(row);
                writer.Write(first);
            }
        }
        var loaded = DuplicateRows.Load(path);
        Assert.Equal([3L, 2L, 2L], new long[] { 9, 4, 6 }.Select(r => loaded.TryGetFirst(r, out var first) ? first : -1));
    }

    [Fact]
    public void The_upload_checks_list_survives_the_trip_to_disk_and_back()
    {
        var summary = UsersCsvInspector.Inspect(_files.Write("username,email\nann,a@example.com\nAnn,b@example.com\nbob,c@example.com\nANN,d@example.com\n"),
            new ImportOptions());
        var path = _files.PathOf("from-upload.bin");
        summary.Duplicates.Save(path);
        var loaded = DuplicateRows.Load(path);
        Assert.Equal([(3L, 2L), (5L, 2L)], new long[] { 3, 5 }.Select(r => (r, loaded.TryGetFirst(r, out var first) ? first : -1)));
        Assert.False(loaded.TryGetFirst(4, out _));
    }
}
