using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using StatusHub.Api.Endpoints;

namespace StatusHub.Functions;

/// <summary>CORS preflight for every API route: the same handler as the server's <see cref="CorsEndpoints.MapCorsPreflight"/>.</summary>
public static class CorsFunctions
{
    [Function(nameof(Preflight))]
    public static Task<IResult> Preflight(
        [HttpTrigger(AuthorizationLevel.Anonymous, "options", Route = "v1/{*path}")] HttpRequest request, string? path) =>
        CorsEndpoints.Preflight(request, path);
}
