using Offload.Testing;

namespace Offload.Web.Tests;

/// <summary>
/// The real host process with everything logged (Trace) and forwarded headers honoured, the way it runs
/// behind a TLS-terminating reverse proxy: what an operator's logs and a browser's cookies really hold.
/// </summary>
public sealed class SecurityHost : IAsyncLifetime
{
    public const string AdminPassword = "Adm1n-secret-never-logged";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "offload-security-" + Guid.NewGuid().ToString("N"));

    public HostProcess Host { get; private set; } = null!;

    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        Database = await TestDatabase.CreateAsync(_data);
        var settings = new Dictionary<string, string>(Database.Environment)
        {
            ["Offload__Bootstrap__AdminPassword"] = AdminPassword,
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
            // ASP.NET Core's own switch for a host behind a proxy: X-Forwarded-Proto says the browser used https.
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
        };
        Host = await HostProcess.StartAsync(_data, settings);
    }

    public async Task DisposeAsync()
    {
        Host.Dispose();
        await Database.DropAsync();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }
}
