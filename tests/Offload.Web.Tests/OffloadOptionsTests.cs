using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Offload.Jobs;
using Offload.Platform.Notifications;
using Offload.Web.Hosting;

namespace Offload.Web.Tests;

/// <summary>The bare "Offload" section binds into several classes: each setting an operator writes lands in exactly one.</summary>
public sealed class OffloadOptionsTests
{
    private static IServiceProvider Bind(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddOffloadOptions(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

    [Fact]
    public void No_two_classes_bound_to_the_Offload_section_share_a_setting()
    {
        var bound = new ServiceCollection().AddOffloadOptions(new ConfigurationBuilder().Build())
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
            .Select(t => t.GetGenericArguments()[0])
            .ToList();
        Assert.Contains(typeof(JobsOptions), bound);
        var shared = bound.SelectMany(t => t.GetProperties().Where(p => p.CanWrite).Select(p => (Setting: p.Name, Class: t.Name)))
            .GroupBy(p => p.Setting, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => $"Offload:{g.Key} in {string.Join(" and ", g.Select(p => p.Class))}");
        Assert.Empty(shared);
    }

    [Fact]
    public void DataPath_and_PublicUrl_reach_their_one_home_under_their_documented_names()
    {
        var options = Bind(new() { ["Offload:DataPath"] = "/srv/offload", ["Offload:PublicUrl"] = "https://learn.example.com" });
        Assert.Equal("/srv/offload", options.GetRequiredService<IOptions<JobsOptions>>().Value.DataPath);
        Assert.Equal("https://learn.example.com", options.GetRequiredService<IOptions<CompletionOptions>>().Value.PublicUrl);
    }

    [Fact]
    public void Unset_they_have_the_defaults_OPERATIONS_md_lists()
    {
        var options = Bind([]);
        Assert.Equal("./data", options.GetRequiredService<IOptions<JobsOptions>>().Value.DataPath);
        Assert.Equal("http://localhost:5000", options.GetRequiredService<IOptions<CompletionOptions>>().Value.PublicUrl);
    }
}
