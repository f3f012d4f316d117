using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Endpoints;
using StatusHub.Api.Http;
using StatusHub.Core;

namespace StatusHub.Api;

/// <summary>The two calls a host makes: register the services, map the routes.</summary>
public static class StatusHubApi
{
    public const string BasePath = "/api/v1";

    /// <summary>Everything both hosts share: storage, repositories, authentication and its limits.</summary>
    public static IServiceCollection AddStatusHub(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStatusHubCore(configuration);
        services.AddOptions<Core.Rendering.RenderOptions>().ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Core.Rendering.RenderOptions>, SiteBaseUrlValidation>();

        // The one JSON setup (DocumentJson) for every typed result and for the OpenAPI document's schemas, in both hosts.
        services.ConfigureHttpJsonOptions(json => DocumentJson.Apply(json.SerializerOptions));
        services.AddOptions<LimitOptions>().Bind(configuration.GetSection(LimitOptions.Section)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<LimitOptions>, LimitOptionsValidation>();
        services.AddSingleton<AuthThrottle>();
        services.Configure<ApiCorsOptions>(configuration.GetSection(ApiCorsOptions.Section));
        services.AddSingleton<Core.Rendering.IDeploymentFiles, OpenApi.OpenApiDocumentFile>();
        return services;
    }

    /// <summary>Maps every v1 route under <see cref="BasePath"/>.</summary>
    public static RouteGroupBuilder MapStatusHubApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(BasePath).WithTags("StatusHub v1");

        // HEAD wherever GET is (RFC 9110 §9.3.2), declared once for every route; the Functions triggers list "head" too.
        ((IEndpointConventionBuilder)api).Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault() is { } methods
                && methods.HttpMethods.Contains(HttpMethods.Get) && !methods.HttpMethods.Contains(HttpMethods.Head))
            {
                endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head]));
            }
        });
        return api.MapTowns().MapTownStatus().MapAid().MapAcceptedAid().MapRegions().MapIncidents().MapSubscriptions().MapKeys().MapReads().MapRender().MapAudit().MapCorsPreflight().MapFallback();
    }
}
