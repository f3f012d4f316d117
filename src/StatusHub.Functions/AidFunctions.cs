using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using StatusHub.Api.Endpoints;

namespace StatusHub.Functions;

/// <summary>Mutual-aid offers: the same handlers as the server's <see cref="AidEndpoints.MapAid"/>.</summary>
public static class AidFunctions
{
    [Function(nameof(PutAidOffer))]
    public static async Task<IResult> PutAidOffer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/towns/{town}/aid/{offerId}")] HttpRequest request, string town, string offerId) =>
        await AidEndpoints.PutAidOffer(request, town, offerId);

    [Function(nameof(DeleteAidOffer))]
    public static async Task<IResult> DeleteAidOffer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/towns/{town}/aid/{offerId}")] HttpRequest request, string town, string offerId) =>
        await AidEndpoints.DeleteAidOffer(request, town, offerId);
}
