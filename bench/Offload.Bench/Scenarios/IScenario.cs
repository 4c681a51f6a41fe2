using Offload.Bench.Harness;

namespace Offload.Bench.Scenarios;

/// <summary>One end-to-end measurement; prints its tables as it finishes each.</summary>
internal interface IScenario
{
    /// <summary>The name given on the command line.</summary>
    string Name { get; }

    Task<IReadOnlyList<Table>> RunAsync(BenchSizes sizes);
}
