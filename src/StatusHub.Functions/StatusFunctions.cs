using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using StatusHub.Api.Endpoints;

namespace StatusHub.Functions;

/// <summary>What a town publishes: the same handlers as the server's <see cref="StatusEndpoints.MapTownStatus"/>.</summary>
public static class StatusFunctions
{
    [Function(nameof(PutStatus))]
    public static async Task<IResult> PutStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/towns/{town}/status")] HttpRequest request, string town) =>
        await StatusEndpoints.PutStatus(request, town);

    [Function(nameof(PutService))]
    public static async Task<IResult> PutService(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/towns/{town}/services/{service}")] HttpRequest request, string town, string service) =>
        await StatusEndpoints.PutService(request, town, service);

    [Function(nameof(PutServices))]
    public static async Task<IResult> PutServices(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/towns/{town}/services")] HttpRequest request, string town) =>
        await StatusEndpoints.PutServices(request, town);

    [Function(nameof(PutQa))]
    public static async Task<IResult> PutQa(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/towns/{town}/qa")] HttpRequest request, string town) =>
        await StatusEndpoints.PutQa(request, town);

    [Function(nameof(PostUpdate))]
    public static async Task<IResult> PostUpdate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/towns/{town}/updates")] HttpRequest request, string town) =>
        await StatusEndpoints.PostUpdate(request, town);

    [Function(nameof(DeleteUpdate))]
    public static async Task<IResult> DeleteUpdate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/towns/{town}/updates/{id}")] HttpRequest request, string town, string id) =>
        await StatusEndpoints.DeleteUpdate(request, town, id);
}
