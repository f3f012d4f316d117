using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StatusHub.Api;
using StatusHub.Core.Auth;
using StatusHub.Core.Rendering;
using StatusHub.Core.Storage;
using StatusHub.Core.Subscriptions;

namespace StatusHub.Functions.Tests;

/// <summary>
/// The Functions app's container holds only what its Program.cs adds: the worker's host defaults and
/// <see cref="StatusHubApi.AddStatusHub"/>. Every service that call registers must be constructible there, with the
/// settings infra/ gives the app (an account URI, no connection string); nothing here contacts storage.
/// </summary>
public sealed class FunctionsCompositionTests
{
    [Fact]
    public void AddStatusHub_alone_composes_the_render_job_and_the_handlers_services_with_the_Azure_settings()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StatusHub:Storage:AccountUri"] = "https://stexample.blob.core.windows.net/",
            ["StatusHub:AdminKey"] = "composition-test-admin-key-0123456789abcdef",
            ["StatusHub:Render:Schedule"] = "0 */1 * * * *",
            ["StatusHub:SiteBaseUrl"] = "https://stexample.z6.web.core.windows.net/",
        });
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        builder.Services.AddStatusHub(builder.Configuration);

        using var host = builder.Build();

        Assert.NotNull(host.Services.GetRequiredService<RenderJob>());
        Assert.NotNull(host.Services.GetRequiredService<TownRepository>());
        Assert.NotNull(host.Services.GetRequiredService<KeyRepository>());
        Assert.NotNull(host.Services.GetRequiredService<KeyAuthenticator>());
        Assert.NotNull(host.Services.GetRequiredService<StatusHubStorage>());
        Assert.NotNull(host.Services.GetRequiredService<TimeProvider>());
        Assert.NotNull(host.Services.GetRequiredService<SubscriptionDispatcher>());
        Assert.NotNull(host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(SubscriptionDispatcher.HttpClientName));
    }
}
