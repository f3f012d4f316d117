using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using StatusHub.Core.Rendering;
using StatusHub.Core.Rendering.Html;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>The page of a shared incident, /incidents/{incident}/ (API.md "Static site", issue 17).</summary>
public class IncidentPageTests
{
    private static async Task<IDocument> Render(IncidentDocument incident, IReadOnlyList<Core.Documents.TownDocument> members, string language = "de") =>
        Pages.Parse(await Pages.Html.IncidentPageAsync(new IncidentPageModel(incident, members, language, Pages.Site, Pages.RenderedAt)));

    [Fact]
    public async Task Page_shows_title_state_times_summary_timeline_and_more_information()
    {
        var page = await Render(Incidents.Swit(), Incidents.Members());

        Assert.Equal("de", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Cyberangriff auf den IT-Dienstleister Südwestfalen-IT", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Cyberangriff auf den IT-Dienstleister Südwestfalen-IT – betroffene Verwaltungen", page.Title);
        Assert.Equal("Andauernd", page.QuerySelector("#state")!.Text());
        Assert.NotNull(page.QuerySelector("#state svg[aria-hidden=true]"));
        Assert.Equal("Begonnen: Montag, 30. Oktober 2023, 06:00 Uhr", page.QuerySelector("#incident .asof")!.Text());
        Assert.Equal("2023-10-30T06:00:00+01:00", page.QuerySelector("#incident .asof time")!.GetAttribute("datetime"));
        Assert.Equal("Seit 30. Oktober sind die Fachverfahren von 72 Kommunen nicht erreichbar.", page.QuerySelector("#incident .summary")!.TextContent);
        Assert.Equal("https://status.example.org/incidents/swit-2023/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));

        var updates = page.QuerySelectorAll("#timeline li");
        Assert.Equal(4, updates.Length);
        Assert.Equal("Kfz-Zulassung", updates[0].QuerySelector(".md strong")!.TextContent);
        Assert.Equal("Angriff festgestellt.", updates[3].QuerySelector(".md")!.Text());
        Assert.Equal("https://www.sit.nrw/vorfall", page.QuerySelector("#more a")!.GetAttribute("href"));
        Assert.Equal(["incident", "towns", "timeline", "more"], page.QuerySelectorAll("main > section").Select(s => s.Id!));
    }

    [Fact]
    public async Task Member_towns_are_grouped_by_level_worst_first_with_word_icon_link_and_stand()
    {
        var page = await Render(Incidents.Swit(), Incidents.Members());

        Assert.Equal("3 Orte sind betroffen. Jeder Name führt zur Seite des Ortes mit dem, was dort geht und was nicht.", page.QuerySelector("#towns > p")!.Text());
        Assert.Equal(["level-offline", "level-emergency"], page.QuerySelectorAll("#towns .group").Select(g => g.Id!));
        Assert.Equal("Verwaltung nicht erreichbar: 1", page.QuerySelector("#level-offline h3")!.Text());
        Assert.Equal("Notbetrieb: 2", page.QuerySelector("#level-emergency h3")!.Text());
        Assert.All(page.QuerySelectorAll("#towns h3"), h3 => Assert.NotNull(h3.QuerySelector("svg[aria-hidden=true]")));
        Assert.Equal(["Siegen", "Wilnsdorf"], page.QuerySelectorAll("#level-emergency li a").Select(a => a.TextContent));
        Assert.Equal(["/siegen/", "/wilnsdorf/"], page.QuerySelectorAll("#level-emergency li a").Select(a => a.GetAttribute("href")!));
        Assert.Equal("Wilnsdorf Stand: 23. November 2023, 06:00 Uhr", page.QuerySelectorAll("#level-emergency li")[1].Text());
        Assert.Equal("/burbach/", page.QuerySelector("#level-offline li a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Resolved_incident_says_so_in_words_with_its_time()
    {
        var resolved = Incidents.Swit() with { ResolvedAt = Pages.AsOf.AddDays(3) };

        var page = await Render(resolved, Incidents.Members());

        Assert.Equal("Behoben", page.QuerySelector("#state")!.Text());
        Assert.Contains("good", page.QuerySelector("#state")!.ClassList);
        Assert.Equal("Behoben: Sonntag, 26. November 2023, 09:00 Uhr", page.QuerySelector("#resolved")!.Text());
    }

    [Fact]
    public async Task English_page_has_english_labels_and_texts()
    {
        var page = await Render(Incidents.Swit(), Incidents.Members(), "en");

        Assert.Equal("Cyberattack on the IT provider Südwestfalen-IT", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Ongoing", page.QuerySelector("#state")!.Text());
        Assert.Equal("Affected towns", page.QuerySelector("#towns h2")!.Text());
        Assert.Equal("Emergency operation: 2", page.QuerySelector("#level-emergency h3")!.Text());
    }

    [Fact]
    public async Task Text_missing_in_the_page_language_falls_back_marked_with_its_language()
    {
        var incident = Incidents.Swit() with { Title = Pages.De("Nur deutsch") };

        var page = await Render(incident, Incidents.Members(), "en");

        Assert.Equal("de", page.QuerySelector("h1")!.GetAttribute("lang"));
    }

    /// <summary>Every label file's language: the incident's labels come from the page language's file like the rest of the chrome.</summary>
    public static TheoryData<string> LabelLanguages => new(Labels.ByLanguage.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(LabelLanguages))]
    public async Task Page_in_a_language_with_labels_shows_its_incident_labels_unmarked(string language)
    {
        var labels = Labels.For(language);

        var page = await Render(Incidents.Swit(), Incidents.Members(), language);

        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(labels.IncidentKind, page.QuerySelector("#incident .town")!.Text());
        Assert.Equal(labels.IncidentOpen, page.QuerySelector("#state")!.Text());
        Assert.Equal(labels.IncidentTownsHeading, page.QuerySelector("#towns h2")!.Text());
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, labels.IncidentTownsLead, 3), page.QuerySelector("#towns > p")!.Text());
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, labels.IncidentTownsAtLevel, labels.Levels[TownLevel.Emergency], 2), page.QuerySelector("#level-emergency h3")!.Text());
        Assert.StartsWith(labels.IncidentStartedAt + " ", page.QuerySelector("#incident .asof")!.Text(), StringComparison.Ordinal);
        Assert.StartsWith(labels.IncidentMoreInfoLead, page.QuerySelector("#more p")!.Text(), StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("#incident .town, #state, #incident .asof, #towns h2, #towns > p, #towns h3, #more span"), element =>
        {
            Assert.Null(element.GetAttribute("lang"));
            Assert.Null(element.GetAttribute("dir"));
        });
    }

    [Theory]
    [InlineData("ar", "rtl")]
    [InlineData("uk", "ltr")]
    [InlineData("de-x-ls", "ltr")]
    public async Task Text_the_incident_did_not_translate_is_german_marked_in_a_page_with_labels_of_its_own(string language, string pageDir)
    {
        var resolved = Incidents.Swit() with { ResolvedAt = Pages.AsOf.AddDays(3) };

        var page = await Render(resolved, Incidents.Members(), language);

        Assert.Equal(pageDir, page.DocumentElement.GetAttribute("dir"));
        var title = page.QuerySelector("h1")!;
        Assert.Equal("Cyberangriff auf den IT-Dienstleister Südwestfalen-IT", title.TextContent);
        Assert.Equal("de", title.GetAttribute("lang"));
        Assert.Equal(pageDir == "rtl" ? "ltr" : null, title.GetAttribute("dir"));
        Assert.Equal("de", page.QuerySelector("#incident .summary")!.GetAttribute("lang"));
        Assert.All(page.QuerySelectorAll("#timeline .md"), update => Assert.Equal("de", update.GetAttribute("lang")));
        Assert.Equal(Labels.For(language).IncidentResolved, page.QuerySelector("#state")!.Text());
        Assert.StartsWith(Labels.For(language).IncidentResolvedAt + " ", page.QuerySelector("#resolved")!.Text(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#resolved")!.GetAttribute("lang"));
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, Labels.For(language).IncidentPageTitle, title.TextContent), page.Title);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("fa-IR")]
    public async Task Page_in_a_language_without_labels_gets_english_incident_labels_marked_as_english(string language)
    {
        var page = await Render(Incidents.Swit(), Incidents.Members(), language);

        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Ongoing", page.QuerySelector("#state")!.Text());
        Assert.Equal("en", page.QuerySelector("#state")!.GetAttribute("lang"));
        Assert.Equal("Incident affecting several administrations", page.QuerySelector("#incident .town")!.Text());
        Assert.Equal("en", page.QuerySelector("#incident .town")!.GetAttribute("lang"));
        Assert.Equal("Affected towns", page.QuerySelector("#towns h2")!.Text());
        Assert.Equal("en", page.QuerySelector("#towns h2")!.GetAttribute("lang"));
        Assert.Equal(language == "fa-IR" ? "ltr" : null, page.QuerySelector("#towns h2")!.GetAttribute("dir"));
        Assert.Equal("de", page.QuerySelector("h1")!.GetAttribute("lang"));
    }

    [Theory]
    [MemberData(nameof(HostileTextTests.Payloads), MemberType = typeof(HostileTextTests))]
    public async Task Hostile_text_in_incident_and_member_names_is_shown_as_text(string payload)
    {
        var text = new LocalizedText { ["de"] = payload };
        var incident = Incidents.Swit() with
        {
            Title = text,
            Summary = text,
            MoreInfoUrl = "javascript:alert(1)",
            Updates = [new TimelineUpdate("u", new LocalizedText { ["de"] = "# " + payload + "\n\n<" + "javascript:alert(1)>" }, Pages.AsOf)],
        };

        var page = await Render(incident, [Incidents.Town("siegen", payload, TownLevel.Offline)]);

        Assert.Empty(page.QuerySelectorAll("script, img, iframe, object, embed, form, base, input, button, body style, body link, body meta, body title"));
        Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.All(page.QuerySelectorAll("[href]"), a => Assert.DoesNotContain("script:", a.GetAttribute("href")!, StringComparison.OrdinalIgnoreCase));
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Equal(payload, page.QuerySelector("h1")!.TextContent);
        Assert.Equal(payload, page.QuerySelector("#incident .summary")!.TextContent);
        Assert.Equal(payload, page.QuerySelector("#towns li a")!.TextContent);
        Assert.Equal(payload + " – betroffene Verwaltungen", page.Title);
        Assert.Null(page.QuerySelector("#more"));
    }

    [Theory]
    [InlineData(72, 14)]
    [InlineData(700, 16)]
    public async Task Page_for_many_member_towns_stays_small(int towns, int kilobytes)
    {
        // A town page's budget is 14 KB gzipped (one round trip). The 2023 case had 72 member towns: within it. With 700
        // the list of towns goes a little over; the incident itself (title, state, summary) comes first, in the first 14 KB.
        var html = await Pages.Html.IncidentPageAsync(new IncidentPageModel(Incidents.Swit(), Incidents.Many(towns), "de", Pages.Site, Pages.RenderedAt));
        var page = Pages.Parse(html);

        Assert.Equal(towns, page.QuerySelectorAll("#towns li a").Length);
        Assert.Equal(4, page.QuerySelectorAll("#towns .group").Length);
        Assert.Equal(towns, page.QuerySelectorAll("#towns li time[datetime$=Z]").Length);
        Assert.InRange(PageBudgetTests.GzippedLength(html), 1024, kilobytes * 1024);
        Assert.InRange(PageBudgetTests.GzippedLength(html[..html.IndexOf("<section id=\"towns\">", StringComparison.Ordinal)]), 1024, 14 * 1024);
    }

    [Fact]
    public async Task Page_has_landmarks_one_h1_headings_in_order_and_requests_nothing()
    {
        var page = await Render(Incidents.Swit(), Incidents.Members());

        Assert.Single(page.QuerySelectorAll("header"));
        Assert.Single(page.QuerySelectorAll("main"));
        Assert.Single(page.QuerySelectorAll("footer"));
        Assert.Equal("#main", page.Body!.QuerySelector("a")!.GetAttribute("href"));
        var levels = page.QuerySelectorAll("h1, h2, h3, h4, h5, h6").Select(h => h.LocalName[1] - '0').ToList();
        Assert.Equal(1, levels[0]);
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"h{pair.First} followed by h{pair.Second}"));
        Assert.Empty(page.QuerySelectorAll("[src], script, link[rel=stylesheet]"));
        Assert.StartsWith("default-src 'none';", page.QuerySelector("meta[http-equiv=Content-Security-Policy]")!.GetAttribute("content"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renderer_writes_the_page_and_the_incident_json()
    {
        var renderer = new IncidentSiteRenderer(Pages.Html);

        var files = await renderer.RenderAsync(Incidents.Swit(), Incidents.Members(), Pages.Site, Pages.RenderedAt);

        Assert.Equal(["incidents/swit-2023/index.html", "incidents/swit-2023/incident.json"], files.Select(f => f.Path));
        Assert.Equal([SiteFile.Html, SiteFile.Json], files.Select(f => f.ContentType));
        Assert.All(files, f => Assert.Equal(SiteFile.ShortCache, f.CacheControl));
        Assert.Contains("Burbach", Encoding.UTF8.GetString(files[0].Content), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(files[1].Content);
        Assert.Equal("swit-2023", json.RootElement.GetProperty("id").GetString());
        Assert.Equal(["burbach", "siegen", "wilnsdorf"], json.RootElement.GetProperty("towns").EnumerateArray().Select(t => t.GetString()!));
        Assert.Equal(4, json.RootElement.GetProperty("updates").GetArrayLength());
        Assert.Equal("incidents/swit-2023/index.html", SitePaths.IncidentPage("swit-2023"));
    }
}
