using StatusHub.Core.Documents;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>A member town's page shows its shared incidents (issue 17): under its own headline, and at a glance when it has none.</summary>
public class TownPageIncidentTests
{
    private static TownDocument Member(params IncidentView[] incidents) => Pages.Full() with { Incidents = incidents };

    [Fact]
    public async Task Incident_is_shown_under_the_towns_headline_with_summary_latest_3_updates_and_a_link()
    {
        var page = await Pages.RenderAsync(Pages.Model(Member(Incidents.Swit().ToView())));

        Assert.Equal(["situation", "incidents", "services"], page.QuerySelectorAll("main > section").Select(s => s.Id!).Take(3));
        var incident = page.QuerySelector("#incidents #incident-swit-2023")!;
        Assert.Equal("Betrifft mehrere Verwaltungen", page.QuerySelector("#incidents h2")!.Text());
        Assert.Equal("Musterstadt ist von einer Störung betroffen, die auch andere Verwaltungen trifft.", page.QuerySelector("#incidents > p")!.Text());
        Assert.Equal("Cyberangriff auf den IT-Dienstleister Südwestfalen-IT", incident.QuerySelector("h3")!.TextContent);
        Assert.Equal("Andauernd", incident.QuerySelector(".badge")!.Text());
        Assert.Equal("Begonnen: Montag, 30. Oktober 2023, 06:00 Uhr", incident.QuerySelector(".asof")!.Text());
        Assert.Equal("Seit 30. Oktober sind die Fachverfahren von 72 Kommunen nicht erreichbar.", incident.QuerySelector(".summary")!.TextContent);
        var updates = incident.QuerySelectorAll(".updates li");
        Assert.Equal(3, updates.Length);
        Assert.Equal("Kfz-Zulassung", updates[0].QuerySelector("strong")!.TextContent);
        Assert.Equal("Alle Verbindungen getrennt.", updates[2].QuerySelector(".md")!.Text());
        var link = incident.QuerySelector("a")!;
        Assert.Equal("/incidents/swit-2023/", link.GetAttribute("href"));
        Assert.Equal("Alle betroffenen Orte und der ganze Verlauf", link.Text());
        Assert.Null(page.QuerySelector("#glance-incidents"));
        Assert.Equal("Cyberangriff: Verwaltung im Notbetrieb", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Town_without_a_headline_of_its_own_shows_the_incident_at_a_glance()
    {
        var document = Member(Incidents.Swit().ToView()) with { Headline = new LocalizedText(), Services = [] };

        var page = await Pages.RenderAsync(Pages.Model(document));

        var item = page.QuerySelector("#glance #glance-incidents li#glance-incident-swit-2023")!;
        Assert.Equal("Cyberangriff auf den IT-Dienstleister Südwestfalen-IT", item.QuerySelector("strong")!.TextContent);
        Assert.Equal("Andauernd", item.QuerySelector(".gs")!.Text());
        Assert.NotNull(item.QuerySelector("svg[aria-hidden=true]"));
        Assert.Equal("/incidents/swit-2023/", item.QuerySelector("a")!.GetAttribute("href"));
        Assert.StartsWith("Seit 30. Oktober", item.QuerySelector(".gn")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#incidents #incident-swit-2023"));
    }

    [Fact]
    public async Task Resolved_incident_is_marked_resolved_and_open_ones_come_first()
    {
        var resolved = Incidents.Swit() with { Id = "alt-2022", ResolvedAt = Pages.AsOf.AddDays(-1), Title = Pages.De("Alter Vorfall") };
        var document = Member(Incidents.Swit().ToView(), resolved.ToView()) with { Headline = new LocalizedText() };

        var page = await Pages.RenderAsync(Pages.Model(document));

        Assert.Equal(["incident-swit-2023", "incident-alt-2022"], page.QuerySelectorAll("#incidents article").Select(a => a.Id!));
        Assert.Equal("Behoben", page.QuerySelector("#incident-alt-2022 .badge")!.Text());
        Assert.Equal("Behoben: Mittwoch, 22. November 2023, 09:00 Uhr", page.QuerySelector("#incident-alt-2022 .resolved")!.Text());
        Assert.Equal("Behoben", page.QuerySelector("#glance-incident-alt-2022 .gs")!.Text());
        Assert.Null(page.QuerySelector("#incident-swit-2023 .resolved"));
    }

    [Fact]
    public async Task English_page_shows_the_incident_in_english()
    {
        var page = await Pages.RenderAsync(Pages.Model(Member(Incidents.Swit().ToView()), "en"));

        Assert.Equal("Affects several administrations", page.QuerySelector("#incidents h2")!.Text());
        Assert.Equal("Cyberattack on the IT provider Südwestfalen-IT", page.QuerySelector("#incidents h3")!.TextContent);
        Assert.Equal("Ongoing", page.QuerySelector("#incidents .badge")!.Text());
        Assert.Equal("/incidents/swit-2023/", page.QuerySelector("#incidents a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Arabic_page_shows_the_incident_section_with_arabic_labels_and_the_untranslated_incident_marked_german()
    {
        var labels = StatusHub.Core.Rendering.Html.Labels.For("ar");
        var resolved = Incidents.Swit() with { ResolvedAt = Pages.AsOf };

        var page = await Pages.RenderAsync(Pages.Model(Member(resolved.ToView()) with { Headline = new LocalizedText { ["de"] = "Notbetrieb", ["ar"] = "تشغيل طارئ" } }, "ar", ["de", "ar"]));

        Assert.Equal(labels.IncidentTownSectionHeading, page.QuerySelector("#incidents h2")!.Text());
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, labels.IncidentTownSectionLead, "Musterstadt"), page.QuerySelector("#incidents > p")!.Text());
        Assert.Equal(labels.IncidentResolved, page.QuerySelector("#incidents .badge")!.Text());
        Assert.StartsWith(labels.IncidentStartedAt + " ", page.QuerySelector("#incidents .asof")!.Text(), StringComparison.Ordinal);
        Assert.StartsWith(labels.IncidentResolvedAt + " ", page.QuerySelector("#incidents .resolved")!.Text(), StringComparison.Ordinal);
        Assert.Equal(labels.IncidentLatestUpdates, page.QuerySelector("#incidents h4")!.Text());
        Assert.Equal(labels.IncidentToPage, page.QuerySelector("#incidents article > p:last-child a")!.Text());
        Assert.All(page.QuerySelectorAll("#incidents h2, #incidents > p, #incidents .badge, #incidents .asof, #incidents h4, #incidents article > p:last-child a"), element =>
        {
            Assert.Null(element.GetAttribute("lang"));
            Assert.Null(element.GetAttribute("dir"));
        });
        var title = page.QuerySelector("#incidents h3")!;
        Assert.Equal("Cyberangriff auf den IT-Dienstleister Südwestfalen-IT", title.TextContent);
        Assert.Equal("de", title.GetAttribute("lang"));
        Assert.Equal("ltr", title.GetAttribute("dir"));
    }

    [Fact]
    public async Task Town_without_incidents_has_no_incident_section()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full()));

        Assert.Null(page.QuerySelector("#incidents"));
        Assert.Null(page.QuerySelector("#glance-incidents"));
    }

    [Fact]
    public async Task Headings_stay_in_order_with_incidents()
    {
        var page = await Pages.RenderAsync(Pages.Model(Member(Incidents.Swit().ToView()) with { Headline = new LocalizedText() }));

        var levels = page.QuerySelectorAll("h1, h2, h3, h4, h5, h6").Select(h => h.LocalName[1] - '0').ToList();
        Assert.Equal(1, levels[0]);
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"h{pair.First} followed by h{pair.Second}"));
    }

    [Theory]
    [MemberData(nameof(HostileTextTests.Payloads), MemberType = typeof(HostileTextTests))]
    public async Task Hostile_incident_text_is_shown_as_text(string payload)
    {
        var text = new LocalizedText { ["de"] = payload, ["en"] = payload };
        var incident = Incidents.Swit() with
        {
            Title = text,
            Summary = text,
            Updates = [new TimelineUpdate("u", new LocalizedText { ["de"] = "# " + payload + "\n\n<" + "javascript:alert(1)>" }, Pages.AsOf)],
        };
        var document = HostileTextTests.Hostile(payload) with { Incidents = [incident.ToView()] };

        foreach (var headline in new[] { document.Headline, new LocalizedText() })
        {
            var page = await Pages.RenderAsync(Pages.Model(document with { Headline = headline }));

            HostileTextTests.AssertNothingInjected(page);
            Assert.Equal(payload, page.QuerySelector("#incidents h3")!.TextContent);
            Assert.Equal(payload, page.QuerySelector("#incidents .summary")!.TextContent);
        }
    }
}
