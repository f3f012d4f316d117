using StatusHub.Core.Documents;
using StatusHub.Core.Domain;

namespace StatusHub.Core.Aid;

/// <summary>Town <see cref="Town"/> can get <see cref="Service"/> from <see cref="Provider"/> under <see cref="OfferId"/>.</summary>
public sealed record AidMatch(string Town, string Service, string Provider, string OfferId, LocalizedText Note, DateTimeOffset? ValidUntil);

/// <summary>A service limited or unavailable in a town with no matching offer.</summary>
public sealed record AidGap(string Town, string Service);

/// <summary>The matching of one set of towns (a region) at one moment.</summary>
public sealed record AidMatching(IReadOnlyList<AidMatch> Matches, IReadOnlyList<AidGap> Gaps)
{
    // Grouped once, so rendering every town of a region costs one pass over the matches, not one per town.
    private ILookup<string, AidMatch>? _byTown;

    /// <summary>The matches for one town as the town document shows them.</summary>
    public IReadOnlyList<AidMatchView> For(string town, IReadOnlyDictionary<string, TownSnapshot> towns) =>
        (_byTown ??= Matches.ToLookup(m => m.Town, StringComparer.Ordinal))[town]
            .Select(m =>
            {
                var provider = towns[m.Provider].Profile;
                return new AidMatchView(m.Service, new ProviderReference(provider.Slug, provider.Name) { Phone = provider.Phone, Website = provider.Website }, m.Note, m.ValidUntil);
            })
            .ToList();
}

/// <summary>
/// The mutual-aid rule of API.md: an offer matches town T and service S when it is for S, names T (or names
/// no town and T is a neighbour of the provider), T has accepted it (for that service), it is not expired, T's
/// state for S is limited or unavailable, the provider's own state for S is available (unset counts as available)
/// and the provider is not offline. An offer T has not accepted helps T nowhere: it closes no gap, and none of its
/// text reaches T's outputs.
/// </summary>
public static class AidMatcher
{
    public static AidMatching Match(IReadOnlyCollection<TownSnapshot> towns, DateTimeOffset now)
    {
        // Index every live offer by (receiver, service) once: linear in offers × receivers, not towns².
        var offers = new Dictionary<(string Town, string Service), List<AidMatch>>();
        var bySlug = towns.ToDictionary(t => t.Profile.Slug, StringComparer.Ordinal);
        foreach (var provider in towns)
        {
            if (provider.Status.Level == TownLevel.Offline)
            {
                continue;
            }

            foreach (var offer in provider.Offers)
            {
                if (offer.ValidUntil is { } until && until <= now || !ProvidesItself(provider, offer.Service))
                {
                    continue;
                }

                foreach (var receiver in offer.Receivers(provider.Profile)
                             .Where(r => bySlug.TryGetValue(r, out var town) && town.HasAccepted(provider.Profile.Slug, offer)))
                {
                    var key = (receiver, offer.Service);
                    if (!offers.TryGetValue(key, out var list))
                    {
                        offers[key] = list = [];
                    }

                    list.Add(new AidMatch(receiver, offer.Service, provider.Profile.Slug, offer.Id, offer.Note, offer.ValidUntil));
                }
            }
        }

        var matches = new List<AidMatch>();
        var gaps = new List<AidGap>();
        foreach (var town in towns.OrderBy(t => t.Profile.Slug, StringComparer.Ordinal))
        {
            foreach (var service in town.Services.Where(s => s.State is ServiceState.Limited or ServiceState.Unavailable))
            {
                if (offers.TryGetValue((town.Profile.Slug, service.Id), out var found))
                {
                    matches.AddRange(found.OrderBy(m => m.Provider, StringComparer.Ordinal).ThenBy(m => m.OfferId, StringComparer.Ordinal));
                }
                else
                {
                    gaps.Add(new AidGap(town.Profile.Slug, service.Id));
                }
            }
        }

        return new AidMatching(matches, gaps);
    }

    private static bool ProvidesItself(TownSnapshot provider, string service) =>
        provider.Services.FirstOrDefault(s => s.Id == service) is not { } own || own.State == ServiceState.Available;
}
