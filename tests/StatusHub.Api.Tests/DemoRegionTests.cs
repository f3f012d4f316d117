using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Core.Storage;
using StatusHub.Server.Hosting;

namespace StatusHub.Api.Tests;

/// <summary>
/// The demo region on its own store, end to end through every public output: Mössingen in emergency with two
/// services covered by neighbours and gaps, on the citizen page, feed.json, feed.atom and the CAP files.
/// </summary>
public sealed class DemoRegionTests(DemoRegionApp app) : IClassFixture<DemoRegionApp>
{
    private static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly StatusHubApp _app = app;

    [Fact]
    public async Task Loading_twice_changes_nothing()
    {
        var folder = Path.Combine(RepositoryRoot.Find(AppContext.BaseDirectory)!, "samples", "demo", "towns");
        Assert.Equal(0, await _app.Services.GetRequiredService<DemoRegionLoader>().LoadAsync(folder, default));
    }

    [Fact]
    public async Task Moessingen_is_in_emergency_with_two_services_covered_by_neighbours()
    {
        var document = await _app.Client().GetAsync("/api/v1/towns/moessingen").Ok();
        Assert.Equal("emergency", document["level"]!.GetValue<string>());
        var aid = document["aid"]!.AsArray().Select(a => $"{a!["service"]}<-{a["provider"]!["slug"]}").Order().ToList();
        Assert.Equal(["id-documents<-nehren", "vehicle-registration<-ofterdingen"], aid);

        var page = await _app.Client().GetStringAsync("/moessingen/");
        Assert.Contains("Ofterdingen", page);
        Assert.Contains("/ofterdingen/", page);
        Assert.Contains("Nehren", page);
    }

    [Fact]
    public async Task The_public_region_feed_shows_matches_and_gaps_and_nothing_internal()
    {
        using var response = await _app.Client().GetAsync("/regions/bw-tuebingen/feed.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("internal", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("FIKTIVE DEMO-DATEN", text);

        var feed = JsonNode.Parse(text)!;
        Assert.Equal(4, feed["towns"]!.AsArray().Count);
        Assert.Equal(2, feed["matches"]!.AsArray().Count(m => m!["town"]!.GetValue<string>() == "moessingen"));
        var gaps = feed["gaps"]!.AsArray().Where(g => g!["town"]!.GetValue<string>() == "moessingen").Select(g => g!["service"]!.GetValue<string>()).ToList();
        Assert.Contains("email", gaps);

        // Bodelshausen offers residence registration but its own is limited: no match, a gap.
        Assert.Contains("residence-registration", gaps);
    }

    [Fact]
    public async Task The_region_atom_feed_tells_who_helps_and_what_has_no_help()
    {
        using var response = await _app.Client().GetAsync("/regions/bw-tuebingen/feed.atom");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        var entry = feed.Elements(Atom + "entry").Single(e => e.Element(Atom + "title")!.Value.StartsWith("Mössingen: Notbetrieb", StringComparison.Ordinal));
        var content = (entry.Element(Atom + "summary") ?? entry.Element(Atom + "content"))!.Value;
        Assert.Contains("Kfz-Zulassung – Ofterdingen", content);
        Assert.Contains("Ausweise und Pässe – Nehren", content);
        Assert.Contains("Noch ohne Hilfe: ", content);
        Assert.Contains("E-Mail", content);
    }

    [Theory]
    [InlineData("/regions/bw-tuebingen/feed.atom")]
    [InlineData("/regions/bw-tuebingen/cap.xml")]
    public async Task Every_region_feed_names_its_author_as_RFC_4287_requires(string path)
    {
        // Its entries carry no author of their own, so the feed must (RFC 4287 §4.1.1).
        var feed = XDocument.Parse(await _app.Client().GetStringAsync(path)).Root!;
        var author = Assert.Single(feed.Elements(Atom + "author"));
        Assert.Equal("StatusHub bw-tuebingen", author.Element(Atom + "name")!.Value);
        Assert.EndsWith("/regions/bw-tuebingen/", author.Element(Atom + "uri")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_public_file_contains_internal_detail()
    {
        var internalTexts = new[] { "FIKTIVE DEMO-DATEN", "fiktiv:" };
        var paths = new List<string> { "/", "/regions/bw-tuebingen/", "/regions/bb-potsdam/", "/regions/bw-tuebingen/feed.json", "/regions/bw-tuebingen/feed.atom", "/regions/bw-tuebingen/cap.xml",
            "/regions/bb-potsdam/feed.json", "/regions/bb-potsdam/feed.atom", "/regions/bb-potsdam/cap.xml", "/regions/bw-tuebingen/cap/moessingen.xml" };
        foreach (var town in new[] { "moessingen", "ofterdingen", "nehren", "bodelshausen", "potsdam", "werder-havel", "michendorf" })
        {
            paths.AddRange([$"/{town}/", $"/{town}/status.json", $"/{town}/feed.atom", .. Core.Rendering.SitePaths.Statuspage(town).Select(p => "/" + p)]);
        }

        foreach (var path in paths)
        {
            using var response = await _app.Client().GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            var text = await response.Content.ReadAsStringAsync();
            foreach (var secret in internalTexts)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("\"internal\"", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_region_page_shows_who_helps_and_the_gaps()
    {
        using var response = await _app.Client().GetAsync("/regions/bw-tuebingen/");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<table", page);
        Assert.Contains("keine Hilfe", page);
        Assert.Contains("/ofterdingen/", page);
        Assert.Contains("<svg", page);
        Assert.Contains("/regions/bw-tuebingen/", await _app.Client().GetStringAsync("/"));
    }

    [Fact]
    public async Task Cap_alert_of_moessingen_is_cap_1_2_element_by_element()
    {
        using var response = await _app.Client().GetAsync("/regions/bw-tuebingen/cap/moessingen.xml");
        Assert.Equal("application/cap+xml", response.Content.Headers.ContentType?.MediaType);
        var alert = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Cap + "alert", alert.Name);
        Assert.Equal(
            ["identifier", "sender", "sent", "status", "msgType", "scope", "info", "info"],
            alert.Elements().Select(e => e.Name.LocalName));
        Assert.StartsWith("statushub-moessingen-", alert.Element(Cap + "identifier")!.Value);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$", alert.Element(Cap + "sent")!.Value);
        Assert.Equal("Actual", alert.Element(Cap + "status")!.Value);
        Assert.Equal("Alert", alert.Element(Cap + "msgType")!.Value);
        Assert.Equal("Public", alert.Element(Cap + "scope")!.Value);

        var infos = alert.Elements(Cap + "info").ToList();
        Assert.Equal(["de", "en"], infos.Select(i => i.Element(Cap + "language")!.Value));
        foreach (var info in infos)
        {
            var names = info.Elements().Select(e => e.Name.LocalName).ToList();
            Assert.Equal(["language", "category", "event", "urgency", "severity", "certainty", "eventCode", "expires", "senderName", "headline"], names.Take(10));
            Assert.Equal("Infra", info.Element(Cap + "category")!.Value);
            Assert.Equal("Moderate", info.Element(Cap + "severity")!.Value);
            Assert.Equal("Observed", info.Element(Cap + "certainty")!.Value);
            var area = info.Element(Cap + "area")!;
            Assert.Equal("Mössingen", area.Element(Cap + "areaDesc")!.Value);
            Assert.Equal("48.406,9.057 5", area.Element(Cap + "circle")!.Value);
            Assert.Equal(
                ["SHN=084160000000", "AGS=08416025"],
                area.Elements(Cap + "geocode").Select(g => $"{g.Element(Cap + "valueName")!.Value}={g.Element(Cap + "value")!.Value}"));
            Assert.Equal(["areaDesc", "circle", "geocode", "geocode"], area.Elements().Select(e => e.Name.LocalName));
        }

        var index = XDocument.Parse(await _app.Client().GetStringAsync("/regions/bw-tuebingen/cap.xml")).Root!;
        var entry = Assert.Single(index.Elements(Atom + "entry"));
        var link = entry.Elements(Atom + "link").Single(l => (string?)l.Attribute("type") == "application/cap+xml");
        Assert.EndsWith("/regions/bw-tuebingen/cap/moessingen.xml", (string)link.Attribute("href")!);
    }
}

/// <summary>Changes to the demo region and what they do to the public outputs; each test works in its own region.</summary>
public sealed class DemoRegionChangeTests(DemoRegionApp app) : IClassFixture<DemoRegionApp>
{
    private static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";
    private readonly StatusHubApp _app = app;

    [Fact]
    public async Task Cap_messages_go_from_alert_to_update_to_cancel_without_reading_the_published_alerts()
    {
        var admin = _app.Client(StatusHubApp.AdminKey);
        async Task<XElement> Alert()
        {
            await admin.PostAsync("/api/v1/render", null).Ok();
            return XDocument.Parse(await _app.Client().GetStringAsync("/regions/bb-potsdam/cap/werder-havel.xml")).Root!;
        }

        // Between the renders the published alert (and the region's feed.json) are deleted from $web: the thread goes on
        // from the render table, since the renderer never reads $web back.
        var web = _app.Services.GetRequiredService<StatusHubStorage>().Web;
        async Task DeletePublished()
        {
            await web.DeleteBlobAsync("regions/bb-potsdam/cap/werder-havel.xml");
            await web.DeleteBlobIfExistsAsync("regions/bb-potsdam/feed.json");
            using var gone = await _app.Client().GetAsync("/regions/bb-potsdam/cap/werder-havel.xml");
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        await admin.Put("/api/v1/towns/werder-havel/status", new { level = "offline", headline = new { de = "Alles aus" }, asOf = "2026-11-20T08:00:00+01:00" }).Ok();
        var first = await Alert();
        Assert.Equal("Alert", first.Element(Cap + "msgType")!.Value);
        Assert.Equal("Severe", first.Element(Cap + "info")!.Element(Cap + "severity")!.Value);
        await DeletePublished();

        await admin.Put("/api/v1/towns/werder-havel/status", new { level = "emergency", headline = new { de = "Notbetrieb" }, asOf = "2026-11-20T12:00:00+01:00" }).Ok();
        var update = await Alert();
        Assert.Equal("Update", update.Element(Cap + "msgType")!.Value);
        Assert.NotEqual(first.Element(Cap + "identifier")!.Value, update.Element(Cap + "identifier")!.Value);
        Assert.Equal($"{first.Element(Cap + "sender")!.Value},{first.Element(Cap + "identifier")!.Value},{first.Element(Cap + "sent")!.Value}",
            update.Element(Cap + "references")!.Value);
        await DeletePublished();

        await admin.Put("/api/v1/towns/werder-havel/status", new { level = "normal", headline = new { de = "Wieder normal" }, asOf = "2026-11-21T08:00:00+01:00" }).Ok();
        var cancel = await Alert();
        Assert.Equal("Cancel", cancel.Element(Cap + "msgType")!.Value);
        Assert.Contains(update.Element(Cap + "identifier")!.Value, cancel.Element(Cap + "references")!.Value);

        // A further render leaves the cancelled alert byte for byte as it was.
        var again = await Alert();
        Assert.Equal(cancel.ToString(), again.ToString());
    }

    [Fact]
    public async Task A_provider_going_down_removes_the_match_from_the_receivers_page_and_shows_the_gap()
    {
        var admin = _app.Client(StatusHubApp.AdminKey);
        Assert.Contains("/ofterdingen/", await _app.Client().GetStringAsync("/moessingen/"));

        await admin.Put("/api/v1/towns/ofterdingen/services/vehicle-registration", new { state = "unavailable" }).Ok();
        var result = await admin.PostAsync("/api/v1/render", null).Ok();
        Assert.True(result["townsRendered"]!.GetValue<int>() >= 2, "the receiver must be re-rendered with the provider");

        var page = await _app.Client().GetStringAsync("/moessingen/");
        Assert.DoesNotContain("/ofterdingen/", page);
        var feed = JsonNode.Parse(await _app.Client().GetStringAsync("/regions/bw-tuebingen/feed.json"))!;
        Assert.Contains(feed["gaps"]!.AsArray(), g => g!["town"]!.GetValue<string>() == "moessingen" && g["service"]!.GetValue<string>() == "vehicle-registration");
    }
}

/// <summary>A StatusHub on its own Azurite with the demo region loaded and rendered.</summary>
public sealed class DemoRegionApp : StatusHubApp, IAsyncLifetime
{
    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        var folder = Path.Combine(RepositoryRoot.Find(AppContext.BaseDirectory)!, "samples", "demo", "towns");
        Assert.Equal(7, await Services.GetRequiredService<DemoRegionLoader>().LoadAsync(folder, default));
        await Client(AdminKey).PostAsync("/api/v1/render", null).Ok();
    }
}
