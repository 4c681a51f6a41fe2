namespace Offload.Bench.Harness;

/// <summary>One scenario's results as a Markdown table, printed as soon as the scenario ends.</summary>
internal sealed class Table(string title, string note, params string[] columns)
{
    private readonly List<string[]> _rows = [];

    public string Title { get; } = title;

    public void Add(params string[] cells) => _rows.Add(cells);

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"### {Title}");
        output.WriteLine();
        if (note.Length > 0)
        {
            output.WriteLine(note);
            output.WriteLine();
        }
        output.WriteLine("| " + string.Join(" | ", columns) + " |");
        output.WriteLine("|" + string.Concat(columns.Select((_, i) => i == 0 ? "---|" : "---:|")));
        foreach (var row in _rows) output.WriteLine("| " + string.Join(" | ", row) + " |");
        output.Flush();
    }
}
