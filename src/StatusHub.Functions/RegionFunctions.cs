using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using StatusHub.Api.Endpoints;

namespace StatusHub.Functions;

/// <summary>The regional feed: the same handler as the server's <see cref="RegionEndpoints.MapRegions"/>.</summary>
public static class RegionFunctions
{
    [Function(nameof(GetRegionFeed))]
    public static Task<IResult> GetRegionFeed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/regions/{region}/feed")] HttpRequest request, string region) =>
        RegionEndpoints.GetRegionFeed(request, region);
}
