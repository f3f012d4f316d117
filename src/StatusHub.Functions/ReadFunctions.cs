using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using StatusHub.Api.Endpoints;

namespace StatusHub.Functions;

/// <summary>Public reads that need no town: the same handlers as the server's <see cref="ReadEndpoints.MapReads"/>.</summary>
public static class ReadFunctions
{
    [Function(nameof(GetCatalogue))]
    public static async Task<IResult> GetCatalogue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/services")] HttpRequest request) =>
        await ReadEndpoints.GetCatalogue(request);

    [Function(nameof(GetHealth))]
    public static async Task<IResult> GetHealth(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/health")] HttpRequest request) =>
        await ReadEndpoints.GetHealth(request);
}
