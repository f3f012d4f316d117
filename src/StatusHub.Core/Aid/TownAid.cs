using StatusHub.Core.Domain;
using StatusHub.Core.Storage;

namespace StatusHub.Core.Aid;

/// <summary>An offer made to a town by <see cref="Provider"/>; <see cref="Accepted"/> says whether the town accepted it (only then it helps).</summary>
public sealed record ReceivedOffer(string Provider, AidOffer Offer, bool Accepted);

/// <summary>What a town offers, and every offer of another town of its region that is made to it.</summary>
public sealed record TownAidOverview(IReadOnlyList<AidOffer> Offered, IReadOnlyList<ReceivedOffer> Received);

/// <summary>
/// The receiving side of mutual aid (API.md, Mutual aid): a town accepts another town's offer (its terms as they are
/// now), and sees what it offers and what is offered to it.
/// </summary>
public sealed class TownAid(TownRepository towns, TimeProvider time)
{
    /// <summary>
    /// Accepts <paramref name="provider"/>'s offer <paramref name="offerId"/> for <paramref name="town"/>; null when that
    /// town has no such offer for it (a town never accepts its own).
    /// </summary>
    public async Task<Written<AidAcceptance>?> AcceptAsync(
        string town, string provider, string offerId, string acceptedBy, WriteContext context, CancellationToken cancellationToken)
    {
        var offering = town == provider ? null : await towns.GetAsync(provider, cancellationToken).ConfigureAwait(false);
        if (offering?.Offers.FirstOrDefault(o => o.Id == offerId && o.Receivers(offering.Profile).Contains(town)) is not { } offer)
        {
            return null;
        }

        var acceptance = new AidAcceptance(provider, offerId, offer.Terms, time.GetUtcNow(), acceptedBy);
        return await towns.AcceptAidAsync(town, acceptance, context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What <paramref name="town"/> offers and what the other towns of its region offer it, or null for no such town.</summary>
    public async Task<TownAidOverview?> GetAsync(string town, CancellationToken cancellationToken)
    {
        if (await towns.GetAsync(town, cancellationToken).ConfigureAwait(false) is not { } snapshot)
        {
            return null;
        }

        var region = await towns.GetRegionAsync(snapshot.Profile.Region, cancellationToken).ConfigureAwait(false);
        var received = region
            .Where(p => p.Profile.Slug != town)
            .SelectMany(p => p.Offers.Where(o => o.Receivers(p.Profile).Contains(town))
                .Select(o => new ReceivedOffer(p.Profile.Slug, o, snapshot.HasAccepted(p.Profile.Slug, o))))
            .ToList();
        return new TownAidOverview(snapshot.Offers, received);
    }
}
