using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StatusHub.Api.Http;
using StatusHub.Core.Auth;
using StatusHub.Core.Documents;
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
            .Produces<AcceptedAidResponse>(200).WithWriteProblems();
        api.MapDelete("/towns/{town}/accepted-aid/{provider}/{offerId}", WithdrawAid).WithName(nameof(WithdrawAid))
            .Produces(204).WithWriteProblems();
        api.MapGet("/towns/{town}/aid", GetTownAid).WithName(nameof(GetTownAid))
            .Produces<TownAidResponse>(200).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429).ProducesProblem(503);
        return api;
    }

    public static Task<IResult> AcceptAid(HttpRequest request, string town, string provider, string offerId) =>
        ApiCall.Run(request, Access.TownOrItsRegion(town, ("provider", provider), ("offerId", offerId)), async api =>
        {
            // The body is empty or {}: there is nothing to say but yes.
            if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
            {
                await api.ReadJsonAsync<EmptyRequest>();
            }

            var repository = api.Get<TownRepository>();
            var offering = town == provider ? null : await repository.GetAsync(provider, api.Aborted);
            var offer = offering?.Offers.FirstOrDefault(o => o.Id == offerId && o.Receivers(offering.Profile).Contains(town))
                ?? throw ApiContext.NotFound($"Town '{provider}' has no offer '{offerId}' for town '{town}'.");
            var acceptance = new AidAcceptance(provider, offerId, offer.Terms, api.Get<TimeProvider>().GetUtcNow(), api.Caller.Scope.ToWire());
            var written = await repository.AcceptAidAsync(town, acceptance, api.WriteContext(), api.Aborted);
            return TypedResults.Json(AcceptedAidResponse.From(written.Value), DocumentJson.Options).WithETag(written.ETag);
        });

    public static Task<IResult> WithdrawAid(HttpRequest request, string town, string provider, string offerId) =>
        ApiCall.Run(request, Access.TownOrItsRegion(town, ("provider", provider), ("offerId", offerId)), async api =>
        {
            var etag = await api.Get<TownRepository>().WithdrawAidAsync(town, provider, offerId, api.WriteContext(), api.Aborted);
            return TypedResults.NoContent().WithETag(etag);
        });

    /// <summary>What the town offers, and every offer of another town of its region that is for it, accepted or not.</summary>
    public static Task<IResult> GetTownAid(HttpRequest request, string town) =>
        ApiCall.Run(request, Access.TownOrItsRegion(town), async api =>
        {
            var repository = api.Get<TownRepository>();
            var snapshot = await repository.GetAsync(town, api.Aborted) ?? throw ApiContext.NotFound($"There is no town '{town}'.");
            var region = await repository.GetRegionAsync(snapshot.Profile.Region, api.Aborted);
            var offered = snapshot.Offers.Select(o => new OfferedAid(o.Id, o.Service, o.ForTowns, o.Note, o.ValidUntil)).ToList();
            var received = region
                .Where(p => p.Profile.Slug != town)
                .SelectMany(p => p.Offers.Where(o => o.Receivers(p.Profile).Contains(town)).Select(o => new ReceivedAid(
                    p.Profile.Slug, o.Id, o.Service, o.Note, o.ValidUntil,
                    snapshot.HasAccepted(p.Profile.Slug, o))))
                .ToList();
            return TypedResults.Json(new TownAidResponse(offered, received), DocumentJson.Options);
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
