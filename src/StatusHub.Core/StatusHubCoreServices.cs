using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Core.Auth;
using StatusHub.Core.Rendering;
using StatusHub.Core.Rendering.Html;
using StatusHub.Core.Storage;
using StatusHub.Core.Subscriptions;

namespace StatusHub.Core;

/// <summary>Registers the domain and storage services; both hosts call this through the API's extension.</summary>
public static class StatusHubCoreServices
{
    public static IServiceCollection AddStatusHubCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.Section));
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection("StatusHub")).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<AuthOptions>, AuthOptionsValidation>();
        services.AddMemoryCache();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StorageResilience>();
        services.AddSingleton<StorageCalls>();
        services.AddSingleton<StatusHubStorage>();
        services.AddSingleton<TownRepository>();
        services.AddSingleton<TownListCache>();
        services.AddSingleton<RegionRepository>();
        services.AddSingleton<IncidentRepository>();
        services.AddSingleton<KeyRepository>();
        services.AddSingleton<KeyAuthenticator>();
        services.AddSingleton<KeyIssuer>();
        services.AddSingleton<Documents.TownDocuments>();
        services.AddSingleton<AuditRepository>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<Aid.TownAid>();
        services.AddSingleton<Documents.RegionDocuments>();
        services.AddSingleton<Documents.SharedIncidents>();
        services.AddSingleton<Subscriptions.RegionSubscriptions>();
        services.AddSingleton<Validation.KnownTowns>();
        services.Configure<RenderOptions>(configuration.GetSection(RenderOptions.Section));
        services.PostConfigure<RenderOptions>(options =>
        {
            // A malformed value is left to the start-up validation (SiteBaseUrlProblem), which names the key.
            if (RenderOptions.ParseSiteBaseUrl(configuration[RenderOptions.SiteBaseUrlKey]) is { } url)
            {
                options.SiteBaseUrl = url;
            }
        });
        services.AddSingleton<RenderMarkers>();
        services.AddSingleton<PublishedFolders>();
        services.AddSingleton<SiteStore>();
        services.AddSingleton<HtmlPages>();
        services.AddSingleton<TownSiteRenderer>();
        services.AddSingleton<IncidentSiteRenderer>();
        services.AddOptions<Rendering.Regions.CapOptions>().Bind(configuration.GetSection(Rendering.Regions.CapOptions.Section)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Rendering.Regions.CapOptions>, Rendering.Regions.CapOptionsValidation>();
        services.AddSingleton<Rendering.Regions.RegionSiteRenderer>();
        services.Configure<PublisherConsole.ConsoleOptions>(configuration.GetSection(PublisherConsole.ConsoleOptions.Section));
        services.AddSingleton<PublisherConsole.ConsoleFiles>();
        services.AddSingleton<Rendering.IDeploymentFiles>(provider => provider.GetRequiredService<PublisherConsole.ConsoleFiles>());
        services.AddSingleton<Rendering.SiteRootFiles>();
        services.AddSingleton<Rendering.IDeploymentFiles>(provider => provider.GetRequiredService<Rendering.SiteRootFiles>());
        services.AddSingleton<RenderLease>();
        services.AddSingleton<RegionDirectory>();
        services.AddSingleton<DeploymentSync>();
        services.AddSingleton<RenderPlanner>();
        services.AddSingleton<RegionStep>();
        services.AddSingleton<RenderJob>();
        services.AddStatusHubSubscriptions(configuration);
        return services;
    }
}
