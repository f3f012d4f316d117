using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using StatusHub.Core.Aid;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;
using StatusHub.Core.Rendering.Html;

namespace StatusHub.Core.Rendering.Regions;

/// <summary>
/// The public outputs of a region (API.md "Static site"): the region page, feed.json (never any internal
/// field: it is built from <see cref="RegionFeed"/>, which has none), feed.atom, the CAP index and one CAP alert per town.
/// Wherever they name the region they use its display name (<see cref="RegionProfile.DisplayName"/>; the slug until it has one).
/// </summary>
public sealed class RegionSiteRenderer(HtmlPages pages, Microsoft.Extensions.Options.IOptions<CapOptions>? cap = null)
{
    private readonly CapOptions _cap = cap?.Value ?? new CapOptions();

    public async Task<IReadOnlyList<SiteFile>> RenderAsync(
        RegionProfile named,
        IReadOnlyList<TownSnapshot> towns,
        AidMatching matching,
        IReadOnlyDictionary<string, CapMessage> previousAlerts,
        Uri siteBaseUrl,
        DateTimeOffset renderedAt,
        IReadOnlyList<IncidentDocument>? incidents = null)
    {
        var region = named.Slug;
        var bySlug = towns.ToDictionary(t => t.Profile.Slug);
        // Shared incidents (issue 17): each town's, in the order of a town document, for the page, the CAP alerts and the feeds.
        var regionIncidents = RegionFeedIncident.InOrder(incidents ?? []).Where(i => i.Towns.Any(bySlug.ContainsKey)).ToList();
        IReadOnlyList<IncidentView> IncidentsOf(string town) => regionIncidents.Where(i => i.Towns.Contains(town)).Select(i => i.ToView()).ToList();
        var pageTowns = towns
            .Select(t => new RegionPageTown(TownDocument.From(t, matching.For(t.Profile.Slug, bySlug)) with { Incidents = IncidentsOf(t.Profile.Slug) }, t.Profile.Location))
            .ToList();
        // The page's time is the region's latest change, so an unchanged region renders identical bytes.
        var html = await pages.RegionPageAsync(new RegionPageModel(region, pageTowns, matching.Gaps, siteBaseUrl, LatestChange(towns, renderedAt)) { Name = named.Name })
            .ConfigureAwait(false);
        var files = new List<SiteFile>
        {
            new(SitePaths.RegionPage(region), SiteFile.Html, SiteFile.ShortCache, Encoding.UTF8.GetBytes(html)),
            new(SitePaths.RegionFeedJson(region), SiteFile.Json, SiteFile.ShortCache,
                JsonSerializer.SerializeToUtf8Bytes(RegionFeed.Build(named, towns, matching, LatestChange(towns, renderedAt), regionIncidents), DocumentJson.Options)),
            RegionAtom(named, towns, matching, siteBaseUrl, renderedAt, regionIncidents),
        };

        var alerts = new List<(TownSnapshot Town, XDocument Alert)>();
        foreach (var (town, page) in towns.Zip(pageTowns))
        {
            previousAlerts.TryGetValue(town.Profile.Slug, out var previous);
            var languages = TownSiteRenderer.LanguagesOf(page.Document);
            if (CapAlerts.Build(town, previous, siteBaseUrl, languages, _cap, page.Document.Incidents) is { } alert)
            {
                alerts.Add((town, alert));
                files.Add(new SiteFile(SitePaths.RegionCapAlert(region, town.Profile.Slug), SiteFile.Cap, SiteFile.ShortCache, Serialize(alert)));
            }
        }

        files.Add(CapIndex(named, alerts, siteBaseUrl, renderedAt));
        return files;
    }

    /// <summary>
    /// The CAP message of each town among <paramref name="files"/> (a render's own output, parsed in memory): what the
    /// region's next render continues (Alert → Update → Cancel), kept in the render table, never read back from <c>$web</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, CapMessage> Alerts(string region, IEnumerable<SiteFile> files)
    {
        var folder = SitePaths.RegionFolder(region) + "cap/";
        var alerts = new Dictionary<string, CapMessage>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => f.Path.StartsWith(folder, StringComparison.Ordinal) && f.Path.EndsWith(".xml", StringComparison.Ordinal)))
        {
            if (CapMessage.Parse(file.Content) is { } message)
            {
                alerts[file.Path[folder.Length..^".xml".Length]] = message;
            }
        }

        return alerts;
    }

    /// <summary>The feed's time is the latest change in the region, so an unchanged region renders identical bytes.</summary>
    private static DateTimeOffset LatestChange(IReadOnlyList<TownSnapshot> towns, DateTimeOffset fallback) =>
        towns.Count == 0 ? fallback : towns.Max(t => t.UpdatedAt);

    private static SiteFile RegionAtom(
        RegionProfile named, IReadOnlyList<TownSnapshot> towns, AidMatching matching, Uri siteBaseUrl, DateTimeOffset renderedAt, IReadOnlyList<IncidentDocument> incidents)
    {
        // The feed is German, so the region's German name (or its fallback); the writer escapes it, XmlSafe drops what XML cannot hold.
        const string language = "de";
        var region = named.Slug;
        var name = named.DisplayName(language);
        var self = new Uri(siteBaseUrl, SitePaths.RegionFeedAtom(region));
        var updated = incidents.SelectMany(i => i.Updates).Select(u => u.At).Append(LatestChange(towns, renderedAt)).Max();
        var feed = new SyndicationFeed(AtomFeeds.XmlSafe($"StatusHub: {name}"), AtomFeeds.XmlSafe($"Lage der Verwaltungen in {name}"), new Uri(siteBaseUrl, SitePaths.RegionFolder(region)), self.AbsoluteUri, updated)
        {
            Language = language,
        };
        feed.Authors.Add(RegionAuthor(named, siteBaseUrl));
        feed.Links.Add(SyndicationLink.CreateSelfLink(self, SiteFile.Atom));
        feed.Items = towns.Select(town =>
        {
            var profile = town.Profile;
            var asOf = town.Status.AsOf ?? town.UpdatedAt;
            var headline = AtomFeeds.Pick(town.Status.Headline, profile.DefaultLanguage);
            var page = new Uri(siteBaseUrl, SitePaths.TownPageUrl(profile.Slug, profile.DefaultLanguage, profile.DefaultLanguage));
            var title = $"{profile.Name}: {AtomFeeds.LevelName(town.Status.Level)}" + (headline is null ? "" : $" – {headline}");
            return new SyndicationItem(AtomFeeds.XmlSafe(TownPageView.Shorten(title, AtomFeeds.MaxTitleLength)), AtomFeeds.XmlSafe(AidSummary(town, matching, towns)), page,
                $"{page.AbsoluteUri}#status-{asOf.UtcTicks}", asOf);
        }).Concat(incidents.SelectMany(i => AtomFeeds.IncidentEntries(i.ToView(), siteBaseUrl, language))).ToList();
        return new SiteFile(SitePaths.RegionFeedAtom(region), SiteFile.Atom, SiteFile.ShortCache, AtomFeeds.Write(feed));
    }

    /// <summary>The feed-level author RFC 4287 §4.1.1 requires when entries have none: the hub's region page.</summary>
    private static SyndicationPerson RegionAuthor(RegionProfile named, Uri siteBaseUrl) =>
        new() { Name = AtomFeeds.XmlSafe($"StatusHub {named.DisplayName("de")}"), Uri = new Uri(siteBaseUrl, SitePaths.RegionFolder(named.Slug)).AbsoluteUri };

    private static SiteFile CapIndex(RegionProfile named, IReadOnlyList<(TownSnapshot Town, XDocument Alert)> alerts, Uri siteBaseUrl, DateTimeOffset renderedAt)
    {
        var region = named.Slug;
        var self = new Uri(siteBaseUrl, SitePaths.RegionCapIndex(region));
        var updated = alerts.Count == 0 ? renderedAt : alerts.Max(a => Sent(a.Alert));
        var feed = new SyndicationFeed(AtomFeeds.XmlSafe($"StatusHub CAP: {named.DisplayName("de")}"), "CAP 1.2 alerts of towns in emergency operation or unreachable", new Uri(siteBaseUrl, SitePaths.RegionFolder(region)), self.AbsoluteUri, updated);
        feed.Authors.Add(RegionAuthor(named, siteBaseUrl));
        feed.Links.Add(SyndicationLink.CreateSelfLink(self, SiteFile.Atom));
        feed.Items = alerts.Select(a =>
        {
            var item = new SyndicationItem
            {
                Id = $"urn:statushub:cap:{Element(a.Alert, "identifier")}",
                Title = new TextSyndicationContent(AtomFeeds.XmlSafe($"{a.Town.Profile.Name}: {Element(a.Alert, "msgType")} – {AtomFeeds.LevelName(a.Town.Status.Level)}")),
                LastUpdatedTime = Sent(a.Alert),
            };
            item.Links.Add(new SyndicationLink(new Uri(siteBaseUrl, SitePaths.RegionCapAlert(region, a.Town.Profile.Slug)), "alternate", null, SiteFile.Cap, 0));
            return item;
        }).ToList();
        return new SiteFile(SitePaths.RegionCapIndex(region), SiteFile.Atom, SiteFile.ShortCache, AtomFeeds.Write(feed));
    }

    /// <summary>The town's summary, then who helps with which service and which services have no help yet.</summary>
    private static string AidSummary(TownSnapshot town, AidMatching matching, IReadOnlyList<TownSnapshot> towns)
    {
        static string Name(string service) => ServiceCatalogue.Find(service)?.Name.In("de") ?? service;
        var text = new StringBuilder(AtomFeeds.Pick(town.Status.Summary, town.Profile.DefaultLanguage) ?? "");
        var helped = matching.Matches.Where(m => m.Town == town.Profile.Slug).ToList();
        if (helped.Count > 0)
        {
            var providers = towns.ToDictionary(t => t.Profile.Slug, t => t.Profile.Name);
            text.Append("\n\nHilfe aus der Nachbarschaft: ")
                .AppendJoin("; ", helped.Select(m => $"{Name(m.Service)} – {providers.GetValueOrDefault(m.Provider, m.Provider)}"));
        }

        var gaps = matching.Gaps.Where(g => g.Town == town.Profile.Slug).Select(g => Name(g.Service)).ToList();
        if (gaps.Count > 0)
        {
            text.Append("\n\nNoch ohne Hilfe: ").AppendJoin(", ", gaps);
        }

        return text.ToString().Trim();
    }

    private static DateTimeOffset Sent(XDocument alert) =>
        DateTimeOffset.Parse(Element(alert, "sent"), System.Globalization.CultureInfo.InvariantCulture);

    private static string Element(XDocument alert, string name) => alert.Root!.Element(CapAlerts.Ns + name)!.Value;

    private static byte[] Serialize(XDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }
}
