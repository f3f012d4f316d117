using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
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
        api.MapGet("/services", GetCatalogue).WithName(nameof(GetCatalogue)).Contract(AccessRule.Public, Answers.None, "The shared service catalogue");
        api.MapGet("/health", GetHealth).WithName(nameof(GetHealth)).Contract(AccessRule.Public, Answers.None, "Health: 200 when storage answers");
        return api;
    }

    public static Task<ApiResult<Ok<CatalogueResponse>>> GetCatalogue(HttpRequest request) => ApiCall.Typed(request, Access.Public(), _ =>
        Task.FromResult(TypedResults.Ok(new CatalogueResponse(ServiceCatalogue.All))));

    public static Task<ApiResult<Ok<HealthResponse>>> GetHealth(HttpRequest request) => ApiCall.Typed(request, Access.Public(), async api =>
    {
        await api.Get<StatusHubStorage>().PingAsync(api.Aborted);
        return TypedResults.Ok(new HealthResponse("ok"));
    });
}

public sealed record CatalogueResponse(IReadOnlyList<CatalogueService> Services);

public sealed record HealthResponse(string Status);
