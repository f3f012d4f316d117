using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using StatusHub.Api.Endpoints;

namespace StatusHub.Functions;

/// <summary>The receiving side of mutual aid: the same handlers as the server's <see cref="AcceptedAidEndpoints.MapAcceptedAid"/>.</summary>
public static class AcceptedAidFunctions
{
    [Function(nameof(AcceptAid))]
    public static async Task<IResult> AcceptAid(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/towns/{town}/accepted-aid/{provider}/{offerId}")] HttpRequest request,
        string town, string provider, string offerId) =>
        await AcceptedAidEndpoints.AcceptAid(request, town, provider, offerId);

    [Function(nameof(WithdrawAid))]
    public static async Task<IResult> WithdrawAid(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/towns/{town}/accepted-aid/{provider}/{offerId}")] HttpRequest request,
        string town, string provider, string offerId) =>
        await AcceptedAidEndpoints.WithdrawAid(request, town, provider, offerId);

    [Function(nameof(GetTownAid))]
    public static async Task<IResult> GetTownAid(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/towns/{town}/aid")] HttpRequest request, string town) =>
        await AcceptedAidEndpoints.GetTownAid(request, town);
}
