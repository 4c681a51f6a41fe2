using System.Diagnostics;
using System.Runtime.InteropServices;
using Offload.Bench.Harness;
using Offload.Testing;

namespace Offload.Bench.Host;

/// <summary>
/// The host built as docs/OPERATIONS.md tells operators to run it in production: `dotnet publish` for this machine's
/// runtime, ReadyToRun (set in Offload.Web.csproj), so a fresh host starts with the hot code already compiled.
/// </summary>
internal static class PublishedBuild
{
    /// <summary>Publishes src/Offload.Web into <paramref name="scratch"/>; returns the published Offload.Web.dll.</summary>
    public static async Task<string> PublishAsync(Scratch scratch)
    {
        var output = scratch.File("published");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "publish", Path.Combine(Checkout.Root, "src", "Offload.Web"), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
                "-o", output, "-nologo", "-clp:ErrorsOnly",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        return Path.Combine(output, "Offload.Web.dll");
    }
}
