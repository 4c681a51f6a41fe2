using Microsoft.Extensions.DependencyInjection;
using Offload.Jobs;
using Offload.Jobs.Storage;
using Offload.Platform.Courses;

namespace Offload.Web.Pages.Tests;

/// <summary>The host for the selection actions' pages: no workers, so a test runs the jobs it started when it says so.</summary>
public sealed class SelectionPagesApp : IDisposable
{
    public PagesApp App { get; } = new();

    public SelectionPagesApp() => App.Settings["Offload:Workers"] = "0";

    public async Task<long> CreateCourseAsync(string code, string title) =>
        (await App.Services.GetRequiredService<ICourseStore>().CreateAsync(new CreateCourseRequest(code, title), default))!.Id;

    public async Task<Job> JobAsync(Guid id) =>
        (await App.Services.GetRequiredService<IJobMonitor>().GetAsync(new GetJobRequest(id), default))!;

    public void Dispose() => App.Dispose();
}
