using StatusHub.Core.Documents;
using StatusHub.Core.Domain;

namespace StatusHub.Core.Rendering.Html;

/// <summary>Everything the region page shows, decided in one place: towns in reading order, the towns × services matrix, gaps, map, feeds.</summary>
/// <remarks>The page is German: UI text from <see cref="Labels.German"/>, town text in German where the town gave it, else marked with its language.</remarks>
internal sealed class RegionPageView
{
    public const string Language = "de";

    private static readonly PageLanguage German = new(Language, Language);

    public RegionPageView(RegionPageModel model)
    {
        Model = model;
        var site = model.SiteBaseUrl;
        Title = $"StatusHub – {Heading}";
        CanonicalUrl = PageLinks.Absolute(site, SitePaths.RegionFolder(model.Region));
        SiteIndexHref = PageLinks.SitePath(site, string.Empty);
        FeedAtomUrl = PageLinks.Absolute(site, SitePaths.RegionFeedAtom(model.Region));
        Feeds =
        [
            new FeedLink(PageLinks.SitePath(site, SitePaths.RegionFeedJson(model.Region)), "application/json", L.FeedJson),
            new FeedLink(PageLinks.SitePath(site, SitePaths.RegionFeedAtom(model.Region)), "application/atom+xml", L.FeedAtom),
            new FeedLink(PageLinks.SitePath(site, SitePaths.RegionCapIndex(model.Region)), "application/atom+xml", L.FeedCap),
        ];

        Towns = model.Towns
            .OrderBy(town => TownNames.SortKey(town.Document.Town.Name), StringComparer.Ordinal)
            .ThenBy(town => town.Document.Town.Slug, StringComparer.Ordinal)
            .Select(town => TownOf(town, site))
            .ToList();

        Services = Towns
            .SelectMany(town => town.Document.Services.Select(service => (town, service)))
            .GroupBy(pair => pair.service.Id, StringComparer.Ordinal)
            .OrderBy(group => ServiceCatalogue.SortKey(group.Key))
            .ThenBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new ServiceColumn(group.Key, ServiceName(group.First().town.Language, group.First().service.Name, group.Key)))
            .ToList();

        var gaps = model.Gaps.Select(gap => (gap.Town, gap.Service)).ToHashSet();
        Rows = Towns
            .Select(town => new MatrixRow(town, Services.Select(column => CellOf(town, column.Id, gaps, site)).ToList()))
            .ToList();

        var bySlug = Towns.GroupBy(town => town.Slug, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        Gaps = model.Gaps
            .GroupBy(gap => gap.Town, StringComparer.Ordinal)
            .Select(group =>
            {
                var ids = group.Select(gap => gap.Service).Distinct(StringComparer.Ordinal).OrderBy(ServiceCatalogue.SortKey).ThenBy(id => id, StringComparer.Ordinal).ToList();
                return bySlug.TryGetValue(group.Key, out var town)
                    ? new GapView(town.Name, ids.Select(town.ServiceNameOf).ToList(), town.SortKey)
                    : new GapView(group.Key, ids.Select(id => ServiceName(German, null, id)).ToList(), TownNames.SortKey(group.Key));
            })
            .OrderBy(gap => gap.SortKey, StringComparer.Ordinal)
            .ToList();

        Map = RegionMap.Of(Towns);
    }

    public RegionPageModel Model { get; }

    public Labels L => Labels.German;

    /// <summary>The region's name on this German page (its German name, else the rule of <see cref="RegionProfile.DisplayName"/>).</summary>
    public string Name => new RegionProfile(Model.Region, Model.Name).DisplayName(Language);

    public string Heading => string.Format(System.Globalization.CultureInfo.InvariantCulture, L.RegionTitle, Name);

    public string EnglishHeading =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Labels.English.RegionTitle, new RegionProfile(Model.Region, Model.Name).DisplayName("en"));

    public string Title { get; }

    public string Description => L.RegionIntro;

    public string CanonicalUrl { get; }

    public string SiteIndexHref { get; }

    /// <summary>Absolute URL of the region's Atom feed, for the head's alternate link.</summary>
    public string FeedAtomUrl { get; }

    public IReadOnlyList<FeedLink> Feeds { get; }

    /// <summary>The towns as a German reader sorts them.</summary>
    public IReadOnlyList<RegionTownView> Towns { get; }

    /// <summary>Every service at least one town of the region reports, catalogue order first.</summary>
    public IReadOnlyList<ServiceColumn> Services { get; }

    public IReadOnlyList<MatrixRow> Rows { get; }

    /// <summary>Gaps by town, in the order of the town list.</summary>
    public IReadOnlyList<GapView> Gaps { get; }

    /// <summary>The map, or null when no town has a usable location.</summary>
    public RegionMap? Map { get; }

    public string MapTitle => string.Format(System.Globalization.CultureInfo.InvariantCulture, L.MapTitle, Name);

    /// <summary>The text before and after the link in <see cref="Labels.MapTextAlternative"/>.</summary>
    public (string Before, string After) MapNote => Around(L.MapTextAlternative);

    private static (string Before, string After) Around(string pattern)
    {
        var parts = pattern.Split("{0}");
        return (parts[0], parts.Length > 1 ? parts[1] : string.Empty);
    }

    private RegionTownView TownOf(RegionPageTown town, Uri site)
    {
        var document = town.Document;
        var language = new PageLanguage(Language, document.Town.DefaultLanguage);
        var levelWord = L.Levels[document.Level];
        return new RegionTownView(
            document,
            language,
            levelWord,
            language.Pick(document.Headline) ?? new ShownText(levelWord, null, null),
            PageLinks.SitePath(site, SitePaths.TownPageUrl(document.Town.Slug, document.Town.DefaultLanguage, document.Town.DefaultLanguage)),
            Usable(town.Location));
    }

    private MatrixCell CellOf(RegionTownView town, string serviceId, HashSet<(string Town, string Service)> gaps, Uri site)
    {
        var service = town.Document.Services.FirstOrDefault(s => s.Id == serviceId);
        var helpers = town.Document.Aid
            .Where(aid => aid.Service == serviceId)
            .Select(aid => new HelperLink(aid.Provider.Name, PageLinks.SitePath(site, SitePaths.TownPageUrl(aid.Provider.Slug, town.Document.Town.DefaultLanguage, town.Document.Town.DefaultLanguage))))
            .DistinctBy(helper => helper.Href, StringComparer.Ordinal)
            .ToList();
        if (service is null)
        {
            return new MatrixCell(null, null, null, null, helpers, false);
        }

        return new MatrixCell(service.State, L.States[service.State], Icons.Of(service.State), Palette.ToneOf(service.State), helpers, gaps.Contains((town.Slug, serviceId)));
    }

    internal static ShownText ServiceName(PageLanguage language, LocalizedText? name, string id) =>
        language.Pick(name) ?? language.Pick(ServiceCatalogue.Find(id)?.Name) ?? new ShownText(id, null, null);

    // A location is drawn only when it is a real place on Earth; NaN or out-of-range coordinates would break the projection.
    private static GeoLocation? Usable(GeoLocation? location) =>
        location is { Lat: var lat, Lon: var lon } && double.IsFinite(lat) && double.IsFinite(lon) && Math.Abs(lat) <= 85 && Math.Abs(lon) <= 180
            ? location
            : null;
}

/// <summary>One town of the region with what the page shows of it.</summary>
internal sealed record RegionTownView(TownDocument Document, PageLanguage Language, string LevelWord, ShownText Headline, string Href, GeoLocation? Location)
{
    public string Slug => Document.Town.Slug;

    public string Name => Document.Town.Name;

    public TownLevel Level => Document.Level;

    public DateTimeOffset? AsOf => Document.AsOf;

    public string SortKey => TownNames.SortKey(Name);

    public ShownText ServiceNameOf(string id) =>
        RegionPageView.ServiceName(Language, Document.Services.FirstOrDefault(s => s.Id == id)?.Name, id);
}

/// <summary>A column of the matrix: a service, named in German where possible.</summary>
internal sealed record ServiceColumn(string Id, ShownText Name);

internal sealed record MatrixRow(RegionTownView Town, IReadOnlyList<MatrixCell> Cells);

/// <summary>A town's state for a service (null when the town does not report it), who helps, and whether it is a gap.</summary>
internal sealed record MatrixCell(ServiceState? State, string? StateWord, string? Icon, string? Tone, IReadOnlyList<HelperLink> Helpers, bool IsGap);

/// <summary>A neighbouring town that helps, linked to its page.</summary>
internal sealed record HelperLink(string Name, string Href);

/// <summary>A town's services without help.</summary>
internal sealed record GapView(string TownName, IReadOnlyList<ShownText> Services, string SortKey);

/// <summary>One of the region's public feeds, linked with its media type.</summary>
internal sealed record FeedLink(string Href, string Type, string Text);
