using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using StatusHub.Api.Endpoints;

namespace StatusHub.Functions;

/// <summary>
/// The catch-all routes of the API, the same handlers as the server's: CORS preflight for every route
/// (<see cref="CorsEndpoints.MapCorsPreflight"/>) and the problem+json 404/405 for every request no other route takes
/// (<see cref="FallbackEndpoints.MapFallback"/>).
/// </summary>
public static class CorsFunctions
{
    [Function(nameof(Preflight))]
    public static Task<IResult> Preflight(
        [HttpTrigger(AuthorizationLevel.Anonymous, "options", Route = "v1/{*path}")] HttpRequest request, string? path) =>
        CorsEndpoints.Preflight(request, path);

    [Function(nameof(Unrouted))]
    public static Task<IResult> Unrouted(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "delete", "patch", Route = "v1/{*path}")] HttpRequest request, string? path) =>
        FallbackEndpoints.Unrouted(request, path);
}
