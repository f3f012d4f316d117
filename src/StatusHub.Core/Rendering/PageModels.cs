using StatusHub.Core.Documents;
using StatusHub.Core.Storage;

namespace StatusHub.Core.Rendering;

/// <summary>Everything a citizen page in one language is rendered from.</summary>
/// <param name="Document">The public town document (never internal fields), including the mutual-aid matches.</param>
/// <param name="Language">The page's language (BCP 47), e.g. "de" or "en".</param>
/// <param name="Languages">Every language that has a page for this town, default language first (for the switch and hreflang).</param>
/// <param name="SiteBaseUrl">Absolute base URL of the static site, ending in '/'.</param>
/// <param name="RenderedAt">When the page was rendered.</param>
public sealed record TownPageModel(
    TownDocument Document,
    string Language,
    IReadOnlyList<string> Languages,
    Uri SiteBaseUrl,
    DateTimeOffset RenderedAt)
{
    public string DefaultLanguage => Document.Town.DefaultLanguage;
}

/// <summary>The site index: the towns not in normal operation, then every region with its counts.</summary>
public sealed record SiteIndexModel(IReadOnlyList<SiteIndexTown> Towns, Uri SiteBaseUrl, DateTimeOffset RenderedAt)
{
    /// <summary>Display names of regions by slug (German); a region without one shows its slug.</summary>
    public IReadOnlyDictionary<string, string> RegionNames { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>One town on the site index.</summary>
public sealed record SiteIndexTown(string Slug, string Name, string Region, TownLevel Level, DateTimeOffset? AsOf)
{
    public static SiteIndexTown From(TownListItem item) => new(item.Slug, item.Name, item.Region, item.Level, item.AsOf);
}

/// <summary>The public region page: every town with level, Stand, services and who helps; the gaps; a map from coordinates.</summary>
/// <param name="Towns">Public town documents (with their aid matches) and locations, by slug.</param>
/// <param name="Gaps">Services limited or unavailable with no matching offer.</param>
public sealed record RegionPageModel(
    string Region,
    IReadOnlyList<RegionPageTown> Towns,
    IReadOnlyList<Aid.AidGap> Gaps,
    Uri SiteBaseUrl,
    DateTimeOffset RenderedAt)
{
    /// <summary>The region's display name by language; empty when it has none, and the page names the region by its slug.</summary>
    public LocalizedText Name { get; init; } = new();
}

/// <summary>One town on the region page.</summary>
public sealed record RegionPageTown(TownDocument Document, Domain.GeoLocation? Location);

/// <summary>Everything the page of a shared incident is rendered from (<c>/incidents/{incident}/</c>).</summary>
/// <param name="Incident">The incident with its timeline (newest first) and its member towns' slugs.</param>
/// <param name="Members">The public documents of the member towns found (a listed town without one is left out).</param>
/// <param name="Language">The page's language; the incident's texts fall back to German, then to any language they have.</param>
public sealed record IncidentPageModel(
    IncidentDocument Incident,
    IReadOnlyList<TownDocument> Members,
    string Language,
    Uri SiteBaseUrl,
    DateTimeOffset RenderedAt);
