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
    /// <summary>The shared incidents with member towns in the region, each with those towns (issue 17).</summary>
    public IReadOnlyList<RegionFeedIncident> Incidents { get; init; } = [];

    /// <param name="incidents">Shared incidents; those with member towns in the region are listed with those towns.</param>
    public static RegionFeed Build(
        RegionProfile region, IReadOnlyCollection<TownSnapshot> towns, AidMatching matching, DateTimeOffset generatedAt, IReadOnlyList<IncidentDocument>? incidents = null) =>
        new(region.Slug, region.NameOrSlug(), generatedAt, towns.OrderBy(t => t.Profile.Slug, StringComparer.Ordinal).Select(RegionFeedTown.From).ToList(),
            matching.Matches.Select(RegionFeedMatch.From).ToList(), matching.Gaps)
        {
            Incidents = RegionFeedIncident.Of(incidents, towns),
        };
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
    /// <summary>The shared incidents with member towns in the region, each with those towns (issue 17).</summary>
    public IReadOnlyList<RegionFeedIncident> Incidents { get; init; } = [];

    /// <param name="incidents">Shared incidents; those with member towns in the region are listed with those towns.</param>
    public static InternalRegionFeed Build(
        RegionProfile region, IReadOnlyCollection<TownSnapshot> towns, AidMatching matching, DateTimeOffset generatedAt, IReadOnlyList<IncidentDocument>? incidents = null) =>
        new(region.Slug, region.NameOrSlug(), generatedAt, towns.OrderBy(t => t.Profile.Slug, StringComparer.Ordinal).Select(InternalRegionFeedTown.From).ToList(),
            matching.Matches.Select(RegionFeedMatch.From).ToList(), matching.Gaps)
        {
            Incidents = RegionFeedIncident.Of(incidents, towns),
        };
}

/// <summary>A shared incident in a region's feeds: its id, title and the region's towns among its members (by slug).</summary>
public sealed record RegionFeedIncident(string Id, LocalizedText Title, IReadOnlyList<string> Towns)
{
    /// <summary>
    /// The incidents with at least one member among <paramref name="towns"/>, open ones first, then the latest start
    /// first, then by id; each with its members in the region, by slug.
    /// </summary>
    public static IReadOnlyList<RegionFeedIncident> Of(IReadOnlyList<IncidentDocument>? incidents, IReadOnlyCollection<TownSnapshot> towns)
    {
        if (incidents is null || incidents.Count == 0)
        {
            return [];
        }

        var slugs = towns.Select(t => t.Profile.Slug).ToHashSet(StringComparer.Ordinal);
        return InOrder(incidents)
            .Select(incident => new RegionFeedIncident(
                incident.Id, incident.Title, incident.Towns.Where(slugs.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
            .Where(incident => incident.Towns.Count > 0)
            .ToList();
    }

    /// <summary>Open incidents first, then the latest start first, then by id (the order of a town document's incidents).</summary>
    public static IEnumerable<IncidentDocument> InOrder(IEnumerable<IncidentDocument> incidents) => incidents
        .OrderBy(incident => incident.ResolvedAt is not null)
        .ThenByDescending(incident => incident.StartedAt)
        .ThenBy(incident => incident.Id, StringComparer.Ordinal);
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
