using StatusHub.Core.Domain;

namespace StatusHub.Core.Aid;

/// <summary>
/// The public combined feed of a region (<c>feed.json</c>): by construction it has no internal fields. <see cref="Name"/>
/// is the region's display name by language (<see cref="RegionProfile.NameOrSlug"/>), as <c>GET /api/v1/regions</c> gives it.
/// </summary>
public sealed record RegionFeed(
    string Region,
    LocalizedText Name,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<RegionFeedTown> Towns,
    IReadOnlyList<RegionFeedMatch> Matches,
    IReadOnlyList<AidGap> Gaps)
{
    public static RegionFeed Build(RegionProfile region, IReadOnlyCollection<TownSnapshot> towns, AidMatching matching, DateTimeOffset generatedAt) =>
        new(region.Slug, region.NameOrSlug(), generatedAt, towns.OrderBy(t => t.Profile.Slug, StringComparer.Ordinal).Select(RegionFeedTown.From).ToList(),
            matching.Matches.Select(RegionFeedMatch.From).ToList(), matching.Gaps);
}

/// <summary>The authenticated feed for regional agencies: the public feed plus each town's internal block.</summary>
public sealed record InternalRegionFeed(
    string Region,
    LocalizedText Name,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<InternalRegionFeedTown> Towns,
    IReadOnlyList<RegionFeedMatch> Matches,
    IReadOnlyList<AidGap> Gaps)
{
    public static InternalRegionFeed Build(RegionProfile region, IReadOnlyCollection<TownSnapshot> towns, AidMatching matching, DateTimeOffset generatedAt) =>
        new(region.Slug, region.NameOrSlug(), generatedAt, towns.OrderBy(t => t.Profile.Slug, StringComparer.Ordinal).Select(InternalRegionFeedTown.From).ToList(),
            matching.Matches.Select(RegionFeedMatch.From).ToList(), matching.Gaps);
}

public sealed record RegionFeedTown(string Slug, string Name, TownLevel Level, DateTimeOffset? AsOf, IReadOnlyList<string> Unavailable, IReadOnlyList<string> Limited)
{
    public static RegionFeedTown From(TownSnapshot town) => new(
        town.Profile.Slug, town.Profile.Name, town.Status.Level, town.Status.AsOf, Ids(town, ServiceState.Unavailable), Ids(town, ServiceState.Limited));

    internal static IReadOnlyList<string> Ids(TownSnapshot town, ServiceState state) =>
        town.Services.Where(s => s.State == state).Select(s => s.Id).ToList();
}

public sealed record InternalRegionFeedTown(
    string Slug, string Name, TownLevel Level, DateTimeOffset? AsOf, IReadOnlyList<string> Unavailable, IReadOnlyList<string> Limited, InternalContact? Internal)
{
    public static InternalRegionFeedTown From(TownSnapshot town) => new(
        town.Profile.Slug, town.Profile.Name, town.Status.Level, town.Status.AsOf,
        RegionFeedTown.Ids(town, ServiceState.Unavailable), RegionFeedTown.Ids(town, ServiceState.Limited), town.Profile.Internal);
}

public sealed record RegionFeedMatch(string Town, string Service, string Provider, LocalizedText Note, DateTimeOffset? ValidUntil)
{
    public static RegionFeedMatch From(AidMatch match) => new(match.Town, match.Service, match.Provider, match.Note, match.ValidUntil);
}
