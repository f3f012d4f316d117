using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using StatusHub.Api.Http;
using StatusHub.Core.Aid;
using StatusHub.Core.Domain;
using StatusHub.Core.Storage;

namespace StatusHub.Api.Endpoints;

/// <summary>
/// The receiving side of mutual aid (API.md, Mutual aid): a town (its key, its region's agency key, or admin) accepts
/// or withdraws another town's offer, and sees what it offers and what is offered to it. Only accepted offers help a
/// town anywhere public, so a compromised or mistaken provider key cannot put text on a neighbour's page or hide its
/// gap from the agency.
/// </summary>
public static class AcceptedAidEndpoints
{
    public static RouteGroupBuilder MapAcceptedAid(this RouteGroupBuilder api)
    {
        api.MapPut("/towns/{town}/accepted-aid/{provider}/{offerId}", AcceptAid).WithName(nameof(AcceptAid))
            .Contract(AccessRule.TownOrItsRegion, Answers.Body | Answers.NotFound | Answers.IfMatch, "Accept another town's aid offer");
        api.MapDelete("/towns/{town}/accepted-aid/{provider}/{offerId}", WithdrawAid).WithName(nameof(WithdrawAid))
            .Contract(AccessRule.TownOrItsRegion, Answers.NotFound | Answers.IfMatch, "Withdraw the acceptance of an aid offer");
        api.MapGet("/towns/{town}/aid", GetTownAid).WithName(nameof(GetTownAid))
            .Contract(AccessRule.TownOrItsRegion, Answers.NotFound, "Read what a town offers and what is offered to it");
        return api;
    }

    public static Task<ApiResult<Ok<AcceptedAidResponse>>> AcceptAid(HttpRequest request, string town, string provider, string offerId) =>
        ApiCall.Typed(request, Access.TownOrItsRegion(town, ("provider", provider), ("offerId", offerId)), async api =>
        {
            // The body is empty or {}: there is nothing to say but yes.
            if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
            {
                await api.ReadJsonAsync<EmptyRequest>();
            }

            var written = await api.Get<TownAid>().AcceptAsync(town, provider, offerId, api.Caller.Scope.ToWire(), api.WriteContext(), api.Aborted)
                ?? throw ApiContext.NotFound($"Town '{provider}' has no offer '{offerId}' for town '{town}'.");
            api.SetETag(written.ETag);
            return TypedResults.Ok(AcceptedAidResponse.From(written.Value));
        });

    public static Task<ApiResult<NoContent>> WithdrawAid(HttpRequest request, string town, string provider, string offerId) =>
        ApiCall.Typed(request, Access.TownOrItsRegion(town, ("provider", provider), ("offerId", offerId)), async api =>
        {
            api.SetETag(await api.Get<TownRepository>().WithdrawAidAsync(town, provider, offerId, api.WriteContext(), api.Aborted));
            return TypedResults.NoContent();
        });

    /// <summary>What the town offers, and every offer of another town of its region that is for it, accepted or not.</summary>
    public static Task<ApiResult<Ok<TownAidResponse>>> GetTownAid(HttpRequest request, string town) =>
        ApiCall.Typed(request, Access.TownOrItsRegion(town), async api =>
        {
            var aid = await api.Get<TownAid>().GetAsync(town, api.Aborted) ?? throw ApiContext.NotFound($"There is no town '{town}'.");
            var offered = aid.Offered.Select(o => new OfferedAid(o.Id, o.Service, o.ForTowns, o.Note, o.ValidUntil)).ToList();
            var received = aid.Received.Select(r => new ReceivedAid(r.Provider, r.Offer.Id, r.Offer.Service, r.Offer.Note, r.Offer.ValidUntil, r.Accepted)).ToList();
            return TypedResults.Ok(new TownAidResponse(offered, received));
        });
}

/// <summary>The only body <c>PUT …/accepted-aid/…</c> takes besides none: <c>{}</c>.</summary>
public sealed record EmptyRequest;

/// <summary>Answer of <c>PUT /api/v1/towns/{town}/accepted-aid/{provider}/{offerId}</c>.</summary>
public sealed record AcceptedAidResponse(string Provider, string OfferId, DateTimeOffset AcceptedAt, string AcceptedBy)
{
    public static AcceptedAidResponse From(AidAcceptance acceptance) =>
        new(acceptance.Provider, acceptance.OfferId, acceptance.AcceptedAt, acceptance.AcceptedBy);
}

/// <summary>An offer the town makes, in <c>GET /api/v1/towns/{town}/aid</c>.</summary>
public sealed record OfferedAid(string OfferId, string Service, IReadOnlyList<string> ForTowns, LocalizedText Note, DateTimeOffset? ValidUntil);

/// <summary>An offer made to the town, in <c>GET /api/v1/towns/{town}/aid</c>; <see cref="Accepted"/> says whether it helps it.</summary>
public sealed record ReceivedAid(string Provider, string OfferId, string Service, LocalizedText Note, DateTimeOffset? ValidUntil, bool Accepted);

/// <summary>Body of <c>GET /api/v1/towns/{town}/aid</c>.</summary>
public sealed record TownAidResponse(IReadOnlyList<OfferedAid> Offered, IReadOnlyList<ReceivedAid> Received);
