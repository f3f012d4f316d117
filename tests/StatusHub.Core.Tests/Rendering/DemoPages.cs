using StatusHub.Core.Aid;
using StatusHub.Core.Documents;
using StatusHub.Core.Rendering;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>Page models of the demo towns, as the render job would build them.</summary>
internal static class DemoPages
{
    public static readonly DateTimeOffset RenderedAt = new(2023, 11, 23, 9, 5, 0, TimeSpan.FromHours(1));

    /// <summary>Mössingen with the offers its neighbours made in the demo (Ofterdingen helps with ID documents and vehicles).</summary>
    public static TownDocument Moessingen() => DemoTowns.Load(
        "moessingen",
        [
            new AidMatchView(
                "id-documents",
                new ProviderReference("ofterdingen", "Ofterdingen"),
                new LocalizedText { ["de"] = "Ausweis- und Passanträge für Mössinger Bürgerinnen und Bürger im Bürgerbüro Ofterdingen, nur mit Termin.", ["en"] = "ID card and passport applications for Mössingen residents at the Ofterdingen citizens' office, by appointment only." },
                new DateTimeOffset(2023, 12, 31, 23, 59, 59, TimeSpan.FromHours(1))),
            new AidMatchView(
                "vehicle-registration",
                new ProviderReference("ofterdingen", "Ofterdingen"),
                new LocalizedText { ["de"] = "Kfz-Zulassung im Bürgerbüro Ofterdingen, Termin nötig.", ["en"] = "Vehicle registration at the Ofterdingen citizens' office, appointment needed." },
                new DateTimeOffset(2023, 12, 31, 23, 59, 59, TimeSpan.FromHours(1))),
        ]);

    public static TownPageModel Model(TownDocument document, string language) =>
        new(document, language, DemoTowns.Languages(document), Pages.Site, RenderedAt);

    public static IEnumerable<string> Slugs() =>
        Directory.EnumerateFiles(Path.GetDirectoryName(RepositoryFiles.DemoTown("x"))!, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    /// <summary>A demo region as the render job builds it: the towns' snapshots matched by <see cref="AidMatcher"/>, each document with its own matches.</summary>
    public static RegionPageModel Region(string region)
    {
        var snapshots = DemoTowns.AcceptingEveryOffer(Slugs().Select(DemoTowns.Snapshot).Where(t => t.Profile.Region == region).ToList());
        var matching = AidMatcher.Match(snapshots, RenderedAt);
        var bySlug = snapshots.ToDictionary(t => t.Profile.Slug);
        var towns = snapshots
            .Select(t => new RegionPageTown(TownDocument.From(t, matching.For(t.Profile.Slug, bySlug)), t.Profile.Location))
            .ToList();
        return new RegionPageModel(region, towns, matching.Gaps, Pages.Site, RenderedAt);
    }

    public static SiteIndexModel SiteIndex()
    {
        var towns = Slugs().Select(slug => DemoTowns.Load(slug))
            .Select(town => new SiteIndexTown(town.Town.Slug, town.Town.Name, town.Town.Region, town.Level, town.AsOf))
            .ToList();
        return new SiteIndexModel(towns, Pages.Site, RenderedAt);
    }
}
