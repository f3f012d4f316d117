using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using StatusHub.Api.Endpoints;

namespace StatusHub.Functions;

/// <summary>Towns: the same handlers as the server's <see cref="TownEndpoints.MapTowns"/>.</summary>
public static class TownFunctions
{
    [Function(nameof(PutTown))]
    public static async Task<IResult> PutTown(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/towns/{town}")] HttpRequest request, string town) =>
        await TownEndpoints.PutTown(request, town);

    [Function(nameof(ListTowns))]
    public static async Task<IResult> ListTowns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/towns")] HttpRequest request) =>
        await TownEndpoints.ListTowns(request);

    [Function(nameof(GetTown))]
    public static async Task<IResult> GetTown(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/towns/{town}")] HttpRequest request, string town) =>
        await TownEndpoints.GetTown(request, town);
}
