namespace Offload.Web.Hosting;

/// <summary>The host's own switches (--demo, --role web|worker|all); the rest goes to ASP.NET Core.</summary>
public sealed record StartupArguments(bool Demo, string Role, string[] HostArgs)
{
    public bool RunsWeb => Role is "web" or "all";
    public bool RunsWorkers => Role is "worker" or "all";

    public static StartupArguments Parse(string[] args)
    {
        var rest = new List<string>();
        var demo = false;
        var role = "all";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--demo":
                    demo = true;
                    break;
                case "--role" when i + 1 < args.Length:
                    role = args[++i];
                    break;
                case var a when a.StartsWith("--role=", StringComparison.Ordinal):
                    role = a["--role=".Length..];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        if (role is not ("web" or "worker" or "all"))
            throw new ArgumentException($"--role must be web, worker or all (got '{role}').");
        return new StartupArguments(demo, role, [.. rest]);
    }
}
