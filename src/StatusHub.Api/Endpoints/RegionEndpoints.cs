using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StatusHub.Api.Http;
using StatusHub.Core.Aid;
using StatusHub.Core.Documents;
using StatusHub.Core.Storage;
using StatusHub.Core.Validation;

namespace StatusHub.Api.Endpoints;

/// <summary>The combined regional feed with internal detail (a region key of that region, or admin).</summary>
public static class RegionEndpoints
{
    public static RouteGroupBuilder MapRegions(this RouteGroupBuilder api)
    {
        api.MapGet("/regions/{region}/feed", GetRegionFeed).WithName(nameof(GetRegionFeed))
            .Produces<InternalRegionFeed>(200).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(503);
        return api;
    }

    public static Task<IResult> GetRegionFeed(HttpRequest request, string region) => ApiCall.Run(request, Access.RegionReader(region), async api =>
    {
        var towns = await api.Get<TownRepository>().GetRegionAsync(region, api.Aborted);
        if (towns.Count == 0)
        {
            throw ApiContext.NotFound($"There is no region '{region}'.");
        }

        var now = api.Get<TimeProvider>().GetUtcNow();
        var feed = InternalRegionFeed.Build(region, towns, AidMatcher.Match(towns, now), now);
        return TypedResults.Json(feed, DocumentJson.Options);
    });
}
