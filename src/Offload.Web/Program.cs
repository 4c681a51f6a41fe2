using Offload.Jobs;
using Offload.Jobs.Audit;
using Offload.Platform;
using Offload.Platform.Users.Import;
using Offload.Web;
using Offload.Web.Auth;
using Offload.Web.Hosting;
using Offload.Web.Hosting.Health;
using Offload.Web.Jobs;
using Offload.Web.Localization;
using Offload.Web.Mail;
using Offload.Web.MassActions;
using Offload.Web.Pages;
using Offload.Web.PlatformApi;

var startup = StartupArguments.Parse(args);
// Content root = the app's folder, so appsettings.json is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = startup.HostArgs, ContentRootPath = AppContext.BaseDirectory });
// `dotnet run` runs from the build output, where wwwroot is only listed in a manifest (a published app copies
// it): without this, a host not in Development (the README's command) served pages without styles or scripts.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddOffloadOptions(builder.Configuration);
builder.Services.Configure<ImportOptions>(builder.Configuration.GetSection("Offload:Import"));
builder.Services.Configure<AuditOptions>(builder.Configuration.GetSection("Offload:Audit"));
builder.Services.AddOffloadStore(builder.Configuration);
builder.Services.AddOffloadJobs(runWorkers: startup.RunsWorkers);
builder.Services.AddOffloadPlatform();
builder.Services.AddOffloadAuth();
builder.Services.AddOffloadPages();
builder.Services.AddJobsApi();
builder.Services.AddOffloadLocalization();
builder.Services.AddOffloadMail(builder.Configuration, runWorkers: startup.RunsWorkers);
builder.Services.AddSingleton<Bootstrapper>();
builder.Services.AddSingleton<DemoData>();
builder.Services.AddOffloadMetrics();
builder.Services.AddOffloadHealth();
builder.Services.AddOffloadTracing(builder.Configuration);
builder.Services.AddOffloadProblems();
builder.Services.AddOpenApi();
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024); // uploads raise it per request

var app = builder.Build();
await app.Services.GetRequiredService<Bootstrapper>().RunAsync(CancellationToken.None);
if (startup.Demo) await app.Services.GetRequiredService<DemoData>().SeedAsync(Console.Out, CancellationToken.None);

app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseOffloadMetrics();
app.UseOffloadPages();
app.UseAuthentication();
app.UseOffloadLocalization();
app.UseAuthorization();
app.UseApiAntiforgery();
app.UseRateLimiter();

app.MapOffloadHealth();
app.MapOffloadMetrics();
if (startup.RunsWeb)
{
    app.MapOpenApi().AllowAnonymous();
    app.MapAuthApi();
    app.MapJobsApi();
    app.MapNotificationsApi();
    app.MapMassActionsApi();
    app.MapUsersApi();
    app.MapCatalogApi();
    app.MapOffloadPages();
}

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
