using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Endpoints;
using StatusHub.Core;
using StatusHub.Api.Http;
using StatusHub.Core.Storage;

namespace StatusHub.Api;

/// <summary>The two calls a host makes: register the services, map the routes.</summary>
public static class StatusHubApi
{
    public const string BasePath = "/api/v1";

    /// <summary>Everything both hosts share: storage, repositories, authentication and its limits.</summary>
    public static IServiceCollection AddStatusHub(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStatusHubCore(configuration);
        services.Configure<LimitOptions>(configuration.GetSection(LimitOptions.Section));
        services.AddSingleton<AuthThrottle>();
        services.Configure<ApiCorsOptions>(configuration.GetSection(ApiCorsOptions.Section));
        services.AddSingleton<AuditRepository>();
        services.AddSingleton<Core.Rendering.IDeploymentFiles, OpenApi.OpenApiDocumentFile>();
        return services;
    }

    /// <summary>Maps every v1 route under <see cref="BasePath"/>.</summary>
    public static RouteGroupBuilder MapStatusHubApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(BasePath).WithTags("StatusHub v1");
        return api.MapTowns().MapTownStatus().MapAid().MapRegions().MapSubscriptions().MapKeys().MapReads().MapRender().MapAudit().MapCorsPreflight().MapFallback();
    }
}
