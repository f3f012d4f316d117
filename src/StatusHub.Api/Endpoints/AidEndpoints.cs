using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using StatusHub.Api.Http;
using StatusHub.Core.Storage;
using StatusHub.Core.Validation;

namespace StatusHub.Api.Endpoints;

/// <summary>Mutual-aid offers of a providing town (that town's key or admin).</summary>
public static class AidEndpoints
{
    public static RouteGroupBuilder MapAid(this RouteGroupBuilder api)
    {
        api.MapPut("/towns/{town}/aid/{offerId}", PutAidOffer).WithName(nameof(PutAidOffer))
            .Contract(AccessRule.TownWriter, Answers.Body | Answers.NotFound | Answers.IfMatch | Answers.Conflict, "Offer aid to other towns")
            .Accepts<AidOfferRequest>("application/json");
        api.MapDelete("/towns/{town}/aid/{offerId}", DeleteAidOffer).WithName(nameof(DeleteAidOffer))
            .Contract(AccessRule.TownWriter, Answers.NotFound | Answers.IfMatch, "Withdraw an aid offer");
        return api;
    }

    public static Task<ApiResult<Ok<AidOffer>>> PutAidOffer(HttpRequest request, string town, string offerId) => ApiCall.Typed(request, Access.TownWriter(town, ("offerId", offerId)), async api =>
    {
        var (body, _) = await api.ReadJsonAsync<AidOfferRequest>();
        var repository = api.Get<TownRepository>();
        var now = api.Get<TimeProvider>().GetUtcNow();
        await api.Get<KnownTowns>().RequireForTownsAsync(body?.ForTowns, api.Aborted);
        var written = await repository.PutAidAsync(
            town, profile => Validator.AidOffer(town, offerId, body, profile.DefaultLanguage, now), api.WriteContext(), api.Aborted);
        api.SetETag(written.ETag);
        return TypedResults.Ok(written.Value);
    });

    public static Task<ApiResult<NoContent>> DeleteAidOffer(HttpRequest request, string town, string offerId) => ApiCall.Typed(request, Access.TownWriter(town), async api =>
    {
        if (!Validator.IsSlug(offerId))
        {
            throw ApiContext.NotFound($"Town '{town}' has no aid offer '{offerId}'.");
        }

        api.SetETag(await api.Get<TownRepository>().DeleteAidAsync(town, offerId, api.WriteContext(), api.Aborted));
        return TypedResults.NoContent();
    });
}
