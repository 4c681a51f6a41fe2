using System.Diagnostics;
using Offload.Bench;
using Offload.Bench.Offload;
using Offload.Bench.Scenarios;

// dotnet run -c Release --project bench/Offload.Bench -- [scenario ...] [--smoke] [--out DIR] [--store sqlite|postgres]
// (--out: where the import scenario writes its points for docs/plot_import.py; --store: measure Offload on one store only)
// Prints one Markdown table per scenario; exits non-zero if any scenario crashed.
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var output = Option("--out");
var store = Option("--store");
IScenario[] all = [new PickupScenario(), new ThroughputScenario(), new IdleScenario(), new ImportScenario(output), new PreviewScenario(), new EnrollScenario(),
    new JobsListScenario(), new SseScenario(), new SelectionPreviewScenario(), new ErrorGroupsScenario(), new JobDetailScenario(),
    new UndoScenario(), new FindScenario()];
IScenario[] extra = [new ProfileScenario(), new FailedRowsScenario(), new ImportUndoScenario(), new PoolerScenario()];
var smoke = args.Contains("--smoke");
var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && a != output && a != store).ToHashSet(StringComparer.OrdinalIgnoreCase);
var known = all.Concat(extra).ToList();
var unknown = names.Where(n => known.All(s => !s.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown scenario(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", known.Select(s => s.Name))}.");
    return 2;
}
var sizes = smoke ? BenchSizes.SmokeRun : BenchSizes.Full;
if (store is not null)
{
    if (!Enum.TryParse<BenchStore>(store, ignoreCase: true, out var only))
    {
        Console.Error.WriteLine($"Unknown store {store}. Known: sqlite, postgres.");
        return 2;
    }
    sizes = sizes with { Stores = [only] };
}
var chosen = names.Count == 0 ? all.ToList() : known.Where(s => names.Contains(s.Name)).ToList();

Console.WriteLine($"# Offload benchmarks{(smoke ? " (smoke sizes)" : "")}");
Console.WriteLine();
Console.WriteLine($"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
var failed = 0;
var total = Stopwatch.StartNew();
foreach (var scenario in chosen)
{
    var clock = Stopwatch.StartNew();
    try
    {
        foreach (var table in await scenario.RunAsync(sizes)) table.Print(Console.Out);
        Console.WriteLine();
        Console.WriteLine($"_{scenario.Name}: {clock.Elapsed.TotalSeconds:0} s_");
    }
    catch (Exception ex)
    {
        failed++;
        Console.Error.WriteLine($"Scenario {scenario.Name} crashed: {ex}");
    }
}
Console.WriteLine();
Console.WriteLine($"_all: {total.Elapsed.TotalSeconds:0} s_");
return failed == 0 ? 0 : 1;
