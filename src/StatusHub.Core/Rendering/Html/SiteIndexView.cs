namespace StatusHub.Core.Rendering.Html;

/// <summary>
/// What the site index shows, decided in one place, so that it stays one small page at national scale: first every
/// town not in normal operation (the worst first, at most <see cref="MaxAffectedTowns"/>), then the regions by name
/// with their counts. Every town, normal ones included, is listed on its region's page.
/// </summary>
internal sealed class SiteIndexView
{
    /// <summary>
    /// At most this many towns are listed on the index itself; beyond, the index says how many more there are and
    /// where they are (on their region pages, which list every town): 10,000 towns must not make a 10,000-line page.
    /// </summary>
    public const int MaxAffectedTowns = 100;

    public SiteIndexView(SiteIndexModel model)
    {
        var affected = model.Towns
            .Where(town => town.Level != TownLevel.Normal)
            .OrderByDescending(town => town.Level)
            .ThenBy(town => TownNames.SortKey(town.Name), StringComparer.Ordinal)
            .ThenBy(town => town.Slug, StringComparer.Ordinal)
            .ToList();
        Affected = affected
            .Take(MaxAffectedTowns)
            .Select(town => new IndexTown(
                town.Name,
                PageLinks.SitePath(model.SiteBaseUrl, SitePaths.TownPageUrl(town.Slug, "de", "de")),
                town.Level,
                town.AsOf,
                NameOf(model, town.Region)))
            .ToList();
        MoreAffected = affected.Count - Affected.Count;
        Regions = model.Towns
            .GroupBy(town => town.Region, StringComparer.Ordinal)
            .Select(region => new IndexRegion(
                NameOf(model, region.Key),
                PageLinks.SitePath(model.SiteBaseUrl, SitePaths.RegionFolder(region.Key)),
                region.Count(),
                region.Count(town => town.Level != TownLevel.Normal)))
            .OrderBy(region => TownNames.SortKey(region.Name), StringComparer.Ordinal)
            .ThenBy(region => region.Href, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The towns not in normal operation shown on the index: offline, then emergency, then disrupted; by name.</summary>
    public IReadOnlyList<IndexTown> Affected { get; }

    /// <summary>How many towns not in normal operation the index leaves to their region pages.</summary>
    public int MoreAffected { get; }

    public IReadOnlyList<IndexRegion> Regions { get; }

    private static string NameOf(SiteIndexModel model, string region) =>
        model.RegionNames.TryGetValue(region, out var name) && !string.IsNullOrWhiteSpace(name) ? name : region;
}

/// <summary>A town not in normal operation, on the index.</summary>
internal sealed record IndexTown(string Name, string Href, TownLevel Level, DateTimeOffset? AsOf, string Region);

/// <summary>A region on the index: its name (the slug until it has one), its page, how many towns and how many not in normal operation.</summary>
internal sealed record IndexRegion(string Name, string Href, int Towns, int Affected);
