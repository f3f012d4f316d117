using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using StatusHub.Api.Endpoints;

namespace StatusHub.Functions;

/// <summary>API keys: the same handlers as the server's <see cref="KeyEndpoints.MapKeys"/>.</summary>
public static class KeyFunctions
{
    [Function(nameof(CreateKey))]
    public static async Task<IResult> CreateKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/keys")] HttpRequest request) =>
        await KeyEndpoints.CreateKey(request);

    [Function(nameof(ListKeys))]
    public static async Task<IResult> ListKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/keys")] HttpRequest request) =>
        await KeyEndpoints.ListKeys(request);

    [Function(nameof(RevokeKey))]
    public static async Task<IResult> RevokeKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/keys/{id}")] HttpRequest request, string id) =>
        await KeyEndpoints.RevokeKey(request, id);
}
