using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using StatusHub.Core.Aid;
using StatusHub.Core.Domain;
using StatusHub.Core.Rendering;
using StatusHub.Core.Rendering.Regions;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>Shared incidents in the feeds, the CAP alerts and the region outputs (issue 17 item 3).</summary>
public class IncidentOutputTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Cap = CapAlerts.Ns;

    /// <summary>CAP 1.2's sequence of an alert's and of an info's children (OASIS CAP 1.2, section 3.2 and the schema).</summary>
    private static readonly string[] AlertOrder = ["identifier", "sender", "sent", "status", "msgType", "source", "scope", "restriction", "addresses", "code", "note", "references", "incidents", "info"];

    private static readonly string[] InfoOrder =
        ["language", "category", "event", "responseType", "urgency", "severity", "certainty", "audience", "eventCode", "effective", "onset", "expires", "senderName", "headline", "description", "instruction", "web", "contact", "parameter", "resource", "area"];

    /// <summary>Two towns of bw-tuebingen, one of bb-potsdam and one unknown town are members; a resolved incident has none in bw-tuebingen.</summary>
    private static IReadOnlyList<IncidentDocument> TwoIncidents() =>
    [
        Incidents.Swit("potsdam") with { Id = "alt-2022", Title = Pages.De("Alter Vorfall"), ResolvedAt = Pages.AsOf, StartedAt = Incidents.StartedAt.AddYears(-1) },
        Incidents.Swit("moessingen", "potsdam", "bodelshausen", "siegen"),
    ];

    private static async Task<IReadOnlyDictionary<string, SiteFile>> RenderRegionAsync(IReadOnlyList<IncidentDocument>? incidents)
    {
        var snapshots = DemoTowns.AcceptingEveryOffer(DemoPages.Slugs().Select(DemoTowns.Snapshot).Where(t => t.Profile.Region == "bw-tuebingen").ToList());
        var files = await new RegionSiteRenderer(Pages.Html).RenderAsync(
            RegionProfile.Unnamed("bw-tuebingen"), snapshots, AidMatcher.Match(snapshots, DemoPages.RenderedAt), new Dictionary<string, CapMessage>(), Pages.Site, DemoPages.RenderedAt, incidents);
        return files.ToDictionary(f => f.Path);
    }

    [Fact]
    public void Town_feed_carries_the_incident_updates_linking_to_the_incident_page()
    {
        var document = Pages.Full() with { Incidents = [Incidents.Swit().ToView()] };

        var feed = XDocument.Parse(Encoding.UTF8.GetString(AtomFeeds.Town(document, Pages.Site, Pages.RenderedAt).Content)).Root!;

        var entries = feed.Elements(Atom + "entry").Where(e => e.Element(Atom + "id")!.Value.StartsWith("https://status.example.org/incidents/swit-2023/#update-", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, entries.Count);
        Assert.All(entries, e => Assert.Equal("https://status.example.org/incidents/swit-2023/", e.Element(Atom + "link")!.Attribute("href")!.Value));
        var latest = entries.Single(e => e.Element(Atom + "id")!.Value.EndsWith("#update-i3", StringComparison.Ordinal));
        Assert.StartsWith("Cyberangriff auf den IT-Dienstleister Südwestfalen-IT: ", latest.Element(Atom + "title")!.Value, StringComparison.Ordinal);
        Assert.Contains("Kfz-Zulassung", latest.Element(Atom + "content")!.Value, StringComparison.Ordinal);
        // The town's own entries (status and updates) are there too, once per language it has text in (German and English).
        var own = feed.Elements(Atom + "entry").Where(e => !entries.Contains(e)).ToList();
        Assert.Equal(3, own.Count(e => e.Attribute(XNamespace.Xml + "lang")?.Value == "de"));
        Assert.Equal(3, own.Count(e => e.Attribute(XNamespace.Xml + "lang")?.Value == "en"));
    }

    [Fact]
    public void Town_feed_is_updated_when_an_incident_update_is_newer_than_the_town()
    {
        var later = Pages.AsOf.AddDays(1);
        var incident = Incidents.Swit() with { Updates = [new TimelineUpdate("late", Pages.De("Neu."), later)] };

        var feed = XDocument.Parse(Encoding.UTF8.GetString(AtomFeeds.Town(Pages.Full() with { Incidents = [incident.ToView()] }, Pages.Site, Pages.RenderedAt).Content)).Root!;

        Assert.Equal(later, DateTimeOffset.Parse(feed.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Region_feed_json_lists_the_incidents_with_their_towns_in_the_region()
    {
        var files = await RenderRegionAsync(TwoIncidents());

        var feed = JsonNode.Parse(files[SitePaths.RegionFeedJson("bw-tuebingen")].Content)!;
        var incident = Assert.Single(feed["incidents"]!.AsArray())!;
        Assert.Equal("swit-2023", incident["id"]!.GetValue<string>());
        Assert.Equal("Cyberangriff auf den IT-Dienstleister Südwestfalen-IT", incident["title"]!["de"]!.GetValue<string>());
        Assert.Equal(["bodelshausen", "moessingen"], incident["towns"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task Without_incidents_the_region_feed_json_has_an_empty_list_and_the_page_no_section()
    {
        var files = await RenderRegionAsync(null);

        Assert.Empty(JsonNode.Parse(files[SitePaths.RegionFeedJson("bw-tuebingen")].Content)!["incidents"]!.AsArray());
        Assert.Null(Pages.Parse(Encoding.UTF8.GetString(files[SitePaths.RegionPage("bw-tuebingen")].Content)).QuerySelector("#incidents"));
    }

    [Fact]
    public async Task Region_page_groups_the_towns_by_incident()
    {
        var files = await RenderRegionAsync(TwoIncidents());

        var page = Pages.Parse(Encoding.UTF8.GetString(files[SitePaths.RegionPage("bw-tuebingen")].Content));
        Assert.Equal(["overview", "incidents", "towns"], page.QuerySelectorAll("main > section").Select(s => s.Id!).Take(3));
        var incident = Assert.Single(page.QuerySelectorAll("#incidents article"));
        Assert.Equal("incident-swit-2023", incident.Id);
        Assert.Equal("/incidents/swit-2023/", incident.QuerySelector("h3 a")!.GetAttribute("href"));
        Assert.Equal("Cyberangriff auf den IT-Dienstleister Südwestfalen-IT", incident.QuerySelector("h3")!.Text());
        Assert.Equal("Andauernd", incident.QuerySelector(".level .badge")!.Text());
        Assert.Equal("Orte in der Region (2):", incident.QuerySelector("p:not(.level)")!.Text());
        Assert.Equal(["Bodelshausen", "Mössingen"], incident.QuerySelectorAll("li > a").Select(a => a.Text()));
        Assert.Equal(["Eingeschränkt", "Notbetrieb"], incident.QuerySelectorAll("li .badge").Select(b => b.Text()));
    }

    [Fact]
    public async Task Region_feed_atom_carries_the_incident_updates()
    {
        var files = await RenderRegionAsync(TwoIncidents());

        var feed = XDocument.Parse(Encoding.UTF8.GetString(files[SitePaths.RegionFeedAtom("bw-tuebingen")].Content)).Root!;
        var ids = feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value).ToList();
        Assert.Contains("https://status.example.org/incidents/swit-2023/#update-i3", ids);
        Assert.Contains("https://status.example.org/incidents/swit-2023/#update-i0", ids);
        Assert.DoesNotContain(ids, id => id.Contains("alt-2022", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cap_alert_of_a_member_town_references_the_incident_in_schema_order()
    {
        var files = await RenderRegionAsync(TwoIncidents());

        var alert = XDocument.Parse(Encoding.UTF8.GetString(files[SitePaths.RegionCapAlert("bw-tuebingen", "moessingen")].Content)).Root!;
        Assert.Equal("swit-2023", alert.Element(Cap + "incidents")!.Value);
        AssertInOrder(alert, AlertOrder);
        var infos = alert.Elements(Cap + "info").ToList();
        Assert.NotEmpty(infos);
        Assert.All(infos, info =>
        {
            AssertInOrder(info, InfoOrder);
            // Beside the NINA parameters, exactly one names the incident.
            var parameter = Assert.Single(info.Elements(Cap + "parameter"), p => p.Element(Cap + "valueName")!.Value == CapAlerts.IncidentParameterName);
            Assert.EndsWith(" | https://status.example.org/incidents/swit-2023/", parameter.Element(Cap + "value")!.Value, StringComparison.Ordinal);
            Assert.StartsWith("https://status.example.org/moessingen/", info.Element(Cap + "web")!.Value, StringComparison.Ordinal);
        });
        Assert.StartsWith("swit-2023 | Cyberangriff auf den IT-Dienstleister Südwestfalen-IT | ", IncidentParameters(infos[0]).Single().Element(Cap + "value")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cap_alert_of_a_town_without_incidents_has_no_incident_reference()
    {
        var files = await RenderRegionAsync(null);

        var alert = XDocument.Parse(Encoding.UTF8.GetString(files[SitePaths.RegionCapAlert("bw-tuebingen", "moessingen")].Content)).Root!;
        Assert.Null(alert.Element(Cap + "incidents"));
        Assert.NotEmpty(alert.Descendants(Cap + "parameter"));
        Assert.All(alert.Elements(Cap + "info"), info => Assert.Empty(IncidentParameters(info)));
    }

    private static IEnumerable<XElement> IncidentParameters(XElement info) =>
        info.Elements(Cap + "parameter").Where(p => p.Element(Cap + "valueName")!.Value == CapAlerts.IncidentParameterName);

    [Fact]
    public void Agency_feed_groups_towns_by_incident_too()
    {
        var snapshots = DemoPages.Slugs().Select(DemoTowns.Snapshot).Where(t => t.Profile.Region == "bb-potsdam").ToList();

        var feed = InternalRegionFeed.Build(RegionProfile.Unnamed("bb-potsdam"), snapshots, AidMatcher.Match(snapshots, DemoPages.RenderedAt), DemoPages.RenderedAt, TwoIncidents());

        Assert.Equal(["swit-2023", "alt-2022"], feed.Incidents.Select(i => i.Id));
        Assert.All(feed.Incidents, i => Assert.Equal(["potsdam"], i.Towns));
        var json = JsonSerializer.SerializeToNode(feed, DocumentJson.Options)!;
        Assert.Equal("alt-2022", json["incidents"]![1]!["id"]!.GetValue<string>());
        Assert.Equal(["id", "title", "towns"], json["incidents"]![0]!.AsObject().Select(p => p.Key));
    }

    private static void AssertInOrder(XElement parent, string[] order)
    {
        var positions = parent.Elements().Select(e => Array.IndexOf(order, e.Name.LocalName)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }
}
