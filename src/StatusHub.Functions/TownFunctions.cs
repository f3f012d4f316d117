using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using StatusHub.Api.Endpoints;

namespace StatusHub.Functions;

/// <summary>Towns: the same handlers as the server's <see cref="TownEndpoints.MapTowns"/>.</summary>
public static class TownFunctions
{
    [Function(nameof(PutTown))]
    public static Task<IResult> PutTown(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/towns/{town}")] HttpRequest request, string town) =>
        TownEndpoints.PutTown(request, town);

    [Function(nameof(ListTowns))]
    public static Task<IResult> ListTowns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/towns")] HttpRequest request) =>
        TownEndpoints.ListTowns(request);

    [Function(nameof(GetTown))]
    public static Task<IResult> GetTown(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/towns/{town}")] HttpRequest request, string town) =>
        TownEndpoints.GetTown(request, town);
}
