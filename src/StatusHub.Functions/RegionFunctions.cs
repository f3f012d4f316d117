using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using StatusHub.Api.Endpoints;

namespace StatusHub.Functions;

/// <summary>Regions and the regional feed: the same handlers as the server's <see cref="RegionEndpoints.MapRegions"/>.</summary>
public static class RegionFunctions
{
    [Function(nameof(PutRegion))]
    public static async Task<IResult> PutRegion(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/regions/{region}")] HttpRequest request, string region) =>
        await RegionEndpoints.PutRegion(request, region);

    [Function(nameof(ListRegions))]
    public static async Task<IResult> ListRegions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/regions")] HttpRequest request) =>
        await RegionEndpoints.ListRegions(request);

    [Function(nameof(GetRegionFeed))]
    public static async Task<IResult> GetRegionFeed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/regions/{region}/feed")] HttpRequest request, string region) =>
        await RegionEndpoints.GetRegionFeed(request, region);
}
