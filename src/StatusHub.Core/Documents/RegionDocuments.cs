using StatusHub.Core.Aid;
using StatusHub.Core.Domain;
using StatusHub.Core.Storage;

namespace StatusHub.Core.Documents;

/// <summary>A region in the list of regions: its slug, its display name (its slug in <c>de</c> when unnamed) and how many towns it has.</summary>
public sealed record RegionSummary(string Slug, LocalizedText Name, int Towns);

/// <summary>The regions as the API reads them: the list with town counts, and a region's feed for its agency.</summary>
public sealed class RegionDocuments(TownListCache townList, TownRepository towns, RegionRepository regions, TimeProvider time)
{
    /// <summary>
    /// Every region a town names or an admin named, by slug. The towns come from the cached town list, so the read costs
    /// one query of the region names however many towns the hub has.
    /// </summary>
    public async Task<IReadOnlyList<RegionSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var listed = await townList.GetAsync(cancellationToken).ConfigureAwait(false);
        var named = await regions.ListAsync(cancellationToken).ConfigureAwait(false);
        var counts = listed.GroupBy(t => t.Region, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return counts.Keys.Union(named.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(slug => new RegionSummary(
                slug,
                (named.TryGetValue(slug, out var profile) ? profile : RegionProfile.Unnamed(slug)).NameOrSlug(),
                counts.GetValueOrDefault(slug)))
            .ToList();
    }

    /// <summary>The region's feed with internal fields and its aid matching, or null when no town is in <paramref name="region"/>.</summary>
    public async Task<InternalRegionFeed?> GetFeedAsync(string region, CancellationToken cancellationToken)
    {
        var members = await towns.GetRegionAsync(region, cancellationToken).ConfigureAwait(false);
        if (members.Count == 0)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var named = await regions.GetAsync(region, cancellationToken).ConfigureAwait(false);
        return InternalRegionFeed.Build(named, members, AidMatcher.Match(members, now), now);
    }
}
