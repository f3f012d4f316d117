using StatusHub.Core.Documents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StatusHub.Api.Http;
using StatusHub.Core.Domain;
using StatusHub.Core.Storage;

namespace StatusHub.Api.Endpoints;

/// <summary>Public reads that need no town: the service catalogue and health.</summary>
public static class ReadEndpoints
{
    public static RouteGroupBuilder MapReads(this RouteGroupBuilder api)
    {
        api.MapGet("/services", GetCatalogue).WithName(nameof(GetCatalogue)).Produces<CatalogueResponse>(200);
        api.MapGet("/health", GetHealth).WithName(nameof(GetHealth)).Produces<HealthResponse>(200).ProducesProblem(503);
        return api;
    }

    public static Task<IResult> GetCatalogue(HttpRequest request) => ApiCall.Run(request, Access.Public(), _ =>
        Task.FromResult<IResult>(TypedResults.Json(new CatalogueResponse(ServiceCatalogue.All), DocumentJson.Options)));

    public static Task<IResult> GetHealth(HttpRequest request) => ApiCall.Run(request, Access.Public(), async api =>
    {
        await api.Get<StatusHubStorage>().PingAsync(api.Aborted);
        return TypedResults.Json(new HealthResponse("ok"), DocumentJson.Options);
    });
}

public sealed record CatalogueResponse(IReadOnlyList<CatalogueService> Services);

public sealed record HealthResponse(string Status);
