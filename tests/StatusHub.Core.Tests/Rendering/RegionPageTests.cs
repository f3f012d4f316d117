using System.Globalization;
using AngleSharp.Dom;
using StatusHub.Core.Aid;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;
using StatusHub.Core.Rendering;
using StatusHub.Core.Rendering.Html;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>The region page: every town with level and Stand, the towns × services matrix with who helps, the gaps, the map, the feeds.</summary>
public class RegionPageTests
{
    private static readonly string[] DemoServiceColumns =
    [
        "Ort", "Telefon", "E-Mail", "Bürgerbüro", "Online-Dienste", "Website", "Ausweise und Pässe",
        "Meldewesen (An- und Ummeldung)", "Kfz-Zulassung", "Standesamt", "Zahlungen und Kasse", "Abfallentsorgung",
    ];

    [Fact]
    public async Task Matrix_has_a_column_for_each_service_some_town_of_the_region_reports_and_a_row_per_town()
    {
        var page = await RenderAsync(DemoPages.Region("bw-tuebingen"));

        var table = page.QuerySelector("#matrix table")!;
        Assert.Equal(DemoServiceColumns, table.QuerySelectorAll("thead th").Select(th => th.Text()));
        Assert.All(table.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        Assert.Equal(["Bodelshausen", "Mössingen", "Nehren", "Ofterdingen"], table.QuerySelectorAll("tbody th").Select(th => th.Text()));
        Assert.All(table.QuerySelectorAll("tbody th"), th => Assert.Equal("row", th.GetAttribute("scope")));
        Assert.All(table.QuerySelectorAll("tbody tr"), row => Assert.Equal(DemoServiceColumns.Length - 1, row.QuerySelectorAll("td").Length));
        Assert.Equal("Leistungen je Ort", table.QuerySelector("caption")!.Text());
        Assert.Same(table, table.QuerySelector("caption")!.ParentElement);
    }

    [Theory]
    [InlineData("Mössingen", "Kfz-Zulassung", "Nicht möglich Hilfe: Ofterdingen")]
    [InlineData("Mössingen", "Ausweise und Pässe", "Nicht möglich Hilfe: Nehren")]
    [InlineData("Mössingen", "E-Mail", "Nicht möglich keine Hilfe")]
    [InlineData("Mössingen", "Bürgerbüro", "Eingeschränkt möglich keine Hilfe")]
    [InlineData("Mössingen", "Meldewesen (An- und Ummeldung)", "Eingeschränkt möglich keine Hilfe")]
    [InlineData("Mössingen", "Telefon", "Möglich")]
    [InlineData("Mössingen", "Zahlungen und Kasse", "Noch unklar")]
    [InlineData("Bodelshausen", "Online-Dienste", "Eingeschränkt möglich keine Hilfe")]
    [InlineData("Bodelshausen", "Bürgerbüro", "Möglich")]
    [InlineData("Nehren", "Kfz-Zulassung", "– nicht gemeldet")]
    [InlineData("Ofterdingen", "Online-Dienste", "Möglich")]
    public async Task Demo_cells_show_the_state_in_words_and_who_helps(string town, string service, string text)
    {
        var page = await RenderAsync(DemoPages.Region("bw-tuebingen"));

        Assert.Equal(text, Cell(page, town, service).Text());
    }

    [Fact]
    public async Task Helpers_link_to_the_providers_page()
    {
        var page = await RenderAsync(DemoPages.Region("bw-tuebingen"));

        Assert.Equal("/ofterdingen/", Assert.Single(Cell(page, "Mössingen", "Kfz-Zulassung").QuerySelectorAll("a")).GetAttribute("href"));
        Assert.Equal("/nehren/", Assert.Single(Cell(page, "Mössingen", "Ausweise und Pässe").QuerySelectorAll("a")).GetAttribute("href"));
        Assert.Equal(2, page.QuerySelectorAll("#matrix td a").Length);
    }

    [Fact]
    public async Task Each_state_has_its_own_symbol_beside_its_word_and_unreported_cells_have_none()
    {
        var page = await RenderAsync(DemoPages.Region("bw-tuebingen"));

        var cells = page.QuerySelectorAll("#matrix td").ToList();
        var reported = cells.Where(td => td.QuerySelector(".st") is not null).ToList();
        var symbols = reported
            .GroupBy(td => td.QuerySelector(".st")!.Text())
            .ToDictionary(group => group.Key, group => group.Select(td => Assert.Single(td.QuerySelectorAll("svg")).InnerHtml).Distinct().ToList());
        Assert.Equal(["Eingeschränkt möglich", "Möglich", "Nicht möglich", "Noch unklar"], symbols.Keys.Order(StringComparer.Ordinal));
        Assert.All(symbols.Values, markup => Assert.Single(markup));
        Assert.Equal(4, symbols.Values.Select(markup => markup[0]).Distinct().Count());
        Assert.All(reported, td => Assert.Equal("true", td.QuerySelector("svg")!.GetAttribute("aria-hidden")));
        Assert.All(cells.Except(reported), td =>
        {
            Assert.Empty(td.QuerySelectorAll("svg"));
            Assert.Equal("true", td.QuerySelector("span")!.GetAttribute("aria-hidden"));
            Assert.Equal("nicht gemeldet", td.QuerySelector(".vh")!.Text());
        });
    }

    [Fact]
    public async Task Gap_cells_are_exactly_the_gaps_highlighted_and_say_so_in_words()
    {
        var model = DemoPages.Region("bw-tuebingen");
        var page = await RenderAsync(model);

        var names = model.Towns.ToDictionary(t => t.Document.Town.Slug, t => t.Document.Town.Name);
        var expected = model.Gaps.Select(gap => (names[gap.Town], ServiceCatalogue.Find(gap.Service)!.Name["de"])).Order().ToList();
        var highlighted = page.QuerySelectorAll("#matrix td.gap").Select(td => Position(page, td)).Order().ToList();
        Assert.Equal(7, expected.Count);
        Assert.Equal(expected, highlighted);
        Assert.All(page.QuerySelectorAll("#matrix td.gap"), td =>
        {
            Assert.Equal("keine Hilfe", td.QuerySelector("strong")!.Text());
            Assert.Empty(td.QuerySelectorAll("a"));
        });
        Assert.All(page.QuerySelectorAll("#matrix td:not(.gap)"), td => Assert.DoesNotContain("keine Hilfe", td.TextContent, StringComparison.Ordinal));
        Assert.Contains(".gap{border:3px solid var(--t);color:var(--t);background:var(--tb)}", PageStyle.Css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gap_list_names_each_town_and_its_services_without_help()
    {
        var page = await RenderAsync(DemoPages.Region("bw-tuebingen"));

        var gaps = page.QuerySelector("#gaps")!;
        Assert.Equal("Für diese Leistungen gibt es noch keine Hilfe aus der Nachbarschaft:", gaps.QuerySelector("p")!.Text());
        Assert.Equal(
            [
                "Bodelshausen: Online-Dienste, Meldewesen (An- und Ummeldung)",
                "Mössingen: E-Mail, Bürgerbüro, Online-Dienste, Meldewesen (An- und Ummeldung), Standesamt",
            ],
            gaps.QuerySelectorAll("li").Select(li => li.Text()));
    }

    [Fact]
    public async Task Region_without_gaps_has_no_gap_list_and_no_highlight()
    {
        var model = DemoPages.Region("bw-tuebingen") with { Gaps = [] };

        var page = await RenderAsync(model);

        Assert.Null(page.QuerySelector("#gaps"));
        Assert.Empty(page.QuerySelectorAll("#matrix td.gap"));
        Assert.DoesNotContain("keine Hilfe", page.QuerySelector("#matrix table")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#matrix"));
    }

    [Fact]
    public async Task Matrix_scrolls_sideways_in_a_named_focusable_region()
    {
        var page = await RenderAsync(DemoPages.Region("bw-tuebingen"));

        var region = page.QuerySelector("#matrix table")!.ParentElement!;
        Assert.Equal("div", region.LocalName);
        Assert.Equal("region", region.GetAttribute("role"));
        Assert.Equal("0", region.GetAttribute("tabindex"));
        Assert.False(string.IsNullOrWhiteSpace(region.GetAttribute("aria-label")));
        Assert.Contains("scroll", region.ClassList);
        Assert.Contains(".scroll{overflow-x:auto", PageStyle.Css, StringComparison.Ordinal);
        Assert.Contains("overflow-wrap:normal", PageStyle.Css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Region_where_no_town_reports_a_service_has_no_matrix()
    {
        var model = DemoPages.Region("bw-tuebingen");
        model = model with { Towns = model.Towns.Select(t => t with { Document = t.Document with { Services = [], Aid = [] } }).ToList(), Gaps = [] };

        var page = await RenderAsync(model);

        Assert.Null(page.QuerySelector("#matrix"));
        Assert.Empty(page.QuerySelectorAll("table"));
        Assert.Equal(4, page.QuerySelectorAll("#towns li").Length);
    }

    [Fact]
    public async Task Every_town_is_listed_with_link_level_headline_and_as_of_time()
    {
        var page = await RenderAsync(DemoPages.Region("bw-tuebingen"));

        var towns = page.QuerySelectorAll("#towns li");
        Assert.Equal(["Bodelshausen", "Mössingen", "Nehren", "Ofterdingen"], towns.Select(li => li.QuerySelector("a")!.Text()));
        Assert.Equal(["/bodelshausen/", "/moessingen/", "/nehren/", "/ofterdingen/"], towns.Select(li => li.QuerySelector("a")!.GetAttribute("href")!));
        Assert.Equal(["Eingeschränkt", "Notbetrieb", "Normalbetrieb", "Normalbetrieb"], towns.Select(li => li.QuerySelector(".badge")!.Text()));
        Assert.All(towns, li => Assert.Equal("true", li.QuerySelector(".badge svg")!.GetAttribute("aria-hidden")));
        var moessingen = towns[1];
        Assert.Equal("Mössingen Notbetrieb Cyberangriff: Stadtverwaltung im Notbetrieb Stand: Donnerstag, 23. November 2023, 09:00 Uhr", moessingen.Text());
        Assert.Equal("2023-11-23T09:00:00+01:00", moessingen.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Contains("badge severe", moessingen.QuerySelector(".badge")!.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Town_without_german_headline_shows_its_own_marked_with_its_language_and_without_headline_its_level()
    {
        var model = DemoPages.Region("bw-tuebingen");
        model = model with
        {
            Towns =
            [
                Town(Pages.Minimal() with { Headline = new LocalizedText { ["en"] = "Systems down" } }, null),
                Town(Pages.Minimal() with { Town = Pages.Minimal().Town with { Slug = "anderort", Name = "Anderort" }, Headline = new LocalizedText(), AsOf = null }, null),
            ],
            Gaps = [],
        };

        var page = await RenderAsync(model);

        var towns = page.QuerySelectorAll("#towns li");
        Assert.Equal("Anderort Eingeschränkt Eingeschränkt", towns[0].Text());
        Assert.Null(towns[0].QuerySelector("time"));
        Assert.Equal("en", towns[1].QuerySelector(".hl")!.GetAttribute("lang"));
        Assert.Equal("Systems down", towns[1].QuerySelector(".hl")!.Text());
    }

    [Fact]
    public async Task Head_is_german_strict_canonical_and_links_the_atom_feed()
    {
        var page = await RenderAsync(DemoPages.Region("bw-tuebingen"));

        Assert.Equal("de", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("StatusHub – Verwaltungen in der Region bw-tuebingen", page.Title);
        Assert.Equal("Verwaltungen in der Region bw-tuebingen", Assert.Single(page.QuerySelectorAll("h1")).Text());
        Assert.Equal("https://status.example.org/regions/bw-tuebingen/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        var feed = Assert.Single(page.QuerySelectorAll("link[rel=alternate]"));
        Assert.Equal("application/atom+xml", feed.GetAttribute("type"));
        Assert.Equal("https://status.example.org/regions/bw-tuebingen/feed.atom", feed.GetAttribute("href"));
        Assert.False(string.IsNullOrWhiteSpace(feed.GetAttribute("title")));
        Assert.StartsWith("Wie arbeiten die Verwaltungen", page.QuerySelector("meta[name=description]")!.GetAttribute("content"), StringComparison.Ordinal);
        Assert.Equal(PageStyle.ContentSecurityPolicy, page.QuerySelector("meta[http-equiv=Content-Security-Policy]")!.GetAttribute("content"));
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Equal("/", page.QuerySelector("header a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Intro_tells_when_the_page_was_made()
    {
        var page = await RenderAsync(DemoPages.Region("bw-tuebingen"));

        var made = page.QuerySelector("#overview .asof")!;
        Assert.Equal("Seite erstellt: Donnerstag, 23. November 2023, 09:05 Uhr", made.Text());
        Assert.Equal("2023-11-23T09:05:00+01:00", made.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("en", page.QuerySelector("h1 + p")!.GetAttribute("lang"));
    }

    [Fact]
    public async Task Feeds_are_linked_from_the_site_root_with_their_media_types()
    {
        var page = await RenderAsync(DemoPages.Region("bw-tuebingen"));

        Assert.Equal(
            [
                ("/regions/bw-tuebingen/feed.json", "application/json"),
                ("/regions/bw-tuebingen/feed.atom", "application/atom+xml"),
                ("/regions/bw-tuebingen/cap.xml", "application/atom+xml"),
            ],
            page.QuerySelectorAll("#feeds a").Select(a => (a.GetAttribute("href")!, a.GetAttribute("type")!)));
    }

    [Fact]
    public async Task Links_follow_the_path_of_the_site_base_url()
    {
        var model = DemoPages.Region("bw-tuebingen") with { SiteBaseUrl = new Uri("https://example.org/status/") };

        var page = await RenderAsync(model);

        Assert.Equal("/status/", page.QuerySelector("header a")!.GetAttribute("href"));
        Assert.Equal("/status/bodelshausen/", page.QuerySelector("#towns a")!.GetAttribute("href"));
        Assert.Equal("/status/ofterdingen/", Cell(page, "Mössingen", "Kfz-Zulassung").QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("/status/regions/bw-tuebingen/feed.json", page.QuerySelector("#feeds a")!.GetAttribute("href"));
        Assert.Equal("https://example.org/status/regions/bw-tuebingen/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Map_is_an_image_named_by_its_title_and_description_with_the_town_list_as_text_alternative()
    {
        var page = await RenderAsync(DemoPages.Region("bw-tuebingen"));

        var svg = Assert.Single(page.QuerySelectorAll("#map svg"));
        Assert.Equal("img", svg.GetAttribute("role"));
        var labelledBy = svg.GetAttribute("aria-labelledby")!.Split(' ');
        Assert.Equal(["title", "desc"], labelledBy.Select(id => page.GetElementById(id)!).Select(e => e.LocalName));
        Assert.All(labelledBy, id => Assert.Same(svg, page.GetElementById(id)!.ParentElement));
        Assert.Equal("Karte der Orte in der Region bw-tuebingen", page.GetElementById(labelledBy[0])!.Text());
        Assert.Contains("Norden ist oben", page.GetElementById(labelledBy[1])!.Text(), StringComparison.Ordinal);
        var note = page.GetElementById(svg.GetAttribute("aria-describedby")!)!;
        Assert.Equal("Dieselben Angaben stehen als Text in der Liste Alle Orte der Region.", note.Text());
        Assert.Equal("#towns", note.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Alle Orte der Region", page.QuerySelector("#towns h2")!.Text());
    }

    [Fact]
    public async Task Map_has_a_circle_and_a_label_with_name_and_level_for_each_located_town()
    {
        var page = await RenderAsync(DemoPages.Region("bw-tuebingen"));

        var towns = page.QuerySelectorAll("#map svg g");
        Assert.Equal(4, page.QuerySelectorAll("#map svg circle").Length);
        Assert.Equal(4, page.QuerySelectorAll("#map svg text").Length);
        Assert.All(towns, g =>
        {
            Assert.Single(g.QuerySelectorAll("circle"));
            Assert.Equal(2, g.QuerySelectorAll("text tspan").Length);
        });
        Assert.Equal(
            [("Bodelshausen", "Eingeschränkt", "caution"), ("Mössingen", "Notbetrieb", "severe"), ("Nehren", "Normalbetrieb", "good"), ("Ofterdingen", "Normalbetrieb", "good")],
            towns.Select(g => (g.QuerySelectorAll("tspan")[0].Text(), g.QuerySelectorAll("tspan")[1].Text(), g.GetAttribute("class")!)));
        Assert.Null(page.QuerySelector("#unlocated"));
    }

    [Fact]
    public async Task Map_positions_are_inside_the_view_box_north_up_east_right()
    {
        var model = DemoPages.Region("bw-tuebingen");
        var page = await RenderAsync(model);

        var svg = page.QuerySelector("#map svg")!;
        var box = svg.GetAttribute("viewBox")!.Split(' ').Select(Number).ToArray();
        Assert.Equal(0, box[0]);
        Assert.Equal(0, box[1]);
        var points = Points(page);
        Assert.Equal(4, points.Count);
        foreach (var (_, x, y, r, labelX, labelY) in points.Values)
        {
            Assert.InRange(x - r, 0, box[2]);
            Assert.InRange(x + r, 0, box[2]);
            Assert.InRange(y - r, 0, box[3]);
            Assert.InRange(y + r, 0, box[3]);
            Assert.InRange(labelX, 0, box[2]);
            Assert.InRange(labelY, 0, box[3]);
        }

        var located = model.Towns.ToDictionary(t => t.Document.Town.Name, t => t.Location!);
        foreach (var a in located)
        {
            foreach (var b in located.Where(b => b.Key != a.Key))
            {
                Assert.Equal(a.Value.Lat > b.Value.Lat, points[a.Key].Y < points[b.Key].Y);
                Assert.Equal(a.Value.Lon > b.Value.Lon, points[a.Key].X > points[b.Key].X);
            }
        }

        // Nehren is the northernmost and easternmost, Bodelshausen the southernmost and westernmost town.
        Assert.Equal("Nehren", points.MinBy(p => p.Value.Y).Key);
        Assert.Equal("Nehren", points.MaxBy(p => p.Value.X).Key);
        Assert.Equal("Bodelshausen", points.MaxBy(p => p.Value.Y).Key);
        Assert.Equal("Bodelshausen", points.MinBy(p => p.Value.X).Key);
    }

    [Fact]
    public async Task Map_scales_longitude_by_the_cosine_of_the_mean_latitude()
    {
        var model = DemoPages.Region("bw-tuebingen");
        var page = await RenderAsync(model);

        var points = Points(page);
        var (north, south) = (model.Towns.Single(t => t.Document.Town.Slug == "nehren"), model.Towns.Single(t => t.Document.Town.Slug == "bodelshausen"));
        var perDegreeEast = (points["Nehren"].X - points["Bodelshausen"].X) / (north.Location!.Lon - south.Location!.Lon);
        var perDegreeNorth = (points["Bodelshausen"].Y - points["Nehren"].Y) / (north.Location.Lat - south.Location.Lat);
        var meanLatitude = model.Towns.Average(t => t.Location!.Lat);

        Assert.Equal(Math.Cos(meanLatitude * Math.PI / 180), perDegreeEast / perDegreeNorth, 2);
    }

    [Fact]
    public async Task Towns_without_a_location_are_left_out_of_the_map_and_named_below_it()
    {
        var model = DemoPages.Region("bw-tuebingen");
        model = model with { Towns = model.Towns.Select(t => t.Document.Town.Slug == "nehren" ? t with { Location = null } : t).ToList() };

        var page = await RenderAsync(model);

        Assert.Equal(3, page.QuerySelectorAll("#map svg circle").Length);
        Assert.DoesNotContain("Nehren", page.QuerySelector("#map svg")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Ohne Ortsangabe, daher nicht auf der Karte: Nehren", page.QuerySelector("#unlocated")!.Text());
        Assert.Equal(4, page.QuerySelectorAll("#towns li").Length);
    }

    [Theory]
    [InlineData(double.NaN, 9.0)]
    [InlineData(48.4, double.PositiveInfinity)]
    [InlineData(91.0, 9.0)]
    [InlineData(48.4, -181.0)]
    public async Task Impossible_coordinates_count_as_no_location(double lat, double lon)
    {
        var model = DemoPages.Region("bw-tuebingen");
        model = model with { Towns = model.Towns.Select(t => t.Document.Town.Slug == "nehren" ? t with { Location = new GeoLocation(lat, lon) } : t).ToList() };

        var page = await RenderAsync(model);

        Assert.Equal(3, page.QuerySelectorAll("#map svg circle").Length);
        Assert.Equal("Ohne Ortsangabe, daher nicht auf der Karte: Nehren", page.QuerySelector("#unlocated")!.Text());
        Assert.DoesNotContain("NaN", page.QuerySelector("#map svg")!.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Region_without_any_location_has_no_map()
    {
        var model = DemoPages.Region("bw-tuebingen");
        model = model with { Towns = model.Towns.Select(t => t with { Location = null }).ToList() };

        var page = await RenderAsync(model);

        Assert.Null(page.QuerySelector("#map"));
        Assert.Empty(page.QuerySelectorAll("svg[role=img]"));
        Assert.Equal(4, page.QuerySelectorAll("#towns li").Length);
    }

    [Fact]
    public async Task Towns_in_one_place_are_drawn_in_the_middle_with_labels_that_do_not_cover_each_other()
    {
        var place = new GeoLocation(48.4, 9.05);
        var model = new RegionPageModel(
            "bw-test",
            new[] { "musterstadt", "zwilling", "drilling" }.Select(slug => Town(Pages.Minimal() with { Town = Pages.Minimal().Town with { Slug = slug, Name = slug } }, place)).ToList(),
            [],
            Pages.Site,
            Pages.RenderedAt);

        var page = await RenderAsync(model);

        var box = page.QuerySelector("#map svg")!.GetAttribute("viewBox")!.Split(' ').Select(Number).ToArray();
        var points = Points(page);
        Assert.Equal(3, points.Count);
        Assert.All(points.Values, p => Assert.Equal(box[2] / 2, p.X));
        Assert.Single(points.Values.Select(p => p.Y).Distinct());
        Assert.All(points.Values, p => Assert.InRange(p.Y, p.R, box[3] - p.R));
        var labels = page.QuerySelectorAll("#map text").Select(t => (Anchor: t.GetAttribute("text-anchor"), Y: Number(t.GetAttribute("y")!))).ToList();
        Assert.All(labels, label => Assert.InRange(label.Y, RegionMap.NameSize, box[3] - RegionMap.LevelSize));
        Assert.All(
            labels.SelectMany((a, i) => labels.Skip(i + 1).Select(b => (a, b))).Where(pair => pair.a.Anchor == pair.b.Anchor),
            pair => Assert.True(Math.Abs(pair.a.Y - pair.b.Y) >= RegionMap.NameSize + RegionMap.LevelSize, $"labels at {pair.a.Y} and {pair.b.Y} cover each other"));
    }

    [Fact]
    public async Task Labels_stay_inside_the_map_at_both_edges()
    {
        var model = new RegionPageModel(
            "bw-test",
            [
                Town(Pages.Minimal() with { Town = Pages.Minimal().Town with { Slug = "west", Name = "Westlichste Gemeinde im Land" }, Level = TownLevel.Offline }, new GeoLocation(48.4, 8.9)),
                Town(Pages.Minimal() with { Town = Pages.Minimal().Town with { Slug = "ost", Name = "Östlichste Gemeinde im Land" } }, new GeoLocation(48.4, 9.2)),
            ],
            [],
            Pages.Site,
            Pages.RenderedAt);

        var page = await RenderAsync(model);

        var points = Points(page);
        Assert.Equal("start", page.QuerySelectorAll("#map text")[1].GetAttribute("text-anchor"));
        Assert.Equal("end", page.QuerySelectorAll("#map text")[0].GetAttribute("text-anchor"));
        Assert.True(points["Westlichste Gemeinde im Land"].LabelX > points["Westlichste Gemeinde im Land"].X);
        Assert.True(points["Östlichste Gemeinde im Land"].LabelX < points["Östlichste Gemeinde im Land"].X);
        Assert.Equal("Verwaltung nicht erreichbar", page.QuerySelectorAll("#map text")[1].QuerySelectorAll("tspan")[1].Text());
    }

    [Fact]
    public async Task A_named_region_is_called_by_its_name_in_German_with_the_English_name_in_the_English_line()
    {
        var name = new LocalizedText { ["de"] = "Landkreis <Tübingen> & Co", ["en"] = "Tübingen district" };
        var page = await RenderAsync(DemoPages.Region("bw-tuebingen") with { Name = name });

        Assert.Equal("Verwaltungen in der Region Landkreis <Tübingen> & Co", page.QuerySelector("h1")!.Text());
        Assert.Equal("StatusHub – Verwaltungen in der Region Landkreis <Tübingen> & Co", page.Title);
        Assert.StartsWith("Administrations in the region Tübingen district.", page.QuerySelector("#overview p[lang=en]")!.Text(), StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("tübingen")); // encoded, never markup

        var unnamed = await RenderAsync(DemoPages.Region("bw-tuebingen"));
        Assert.Equal("Verwaltungen in der Region bw-tuebingen", unnamed.QuerySelector("h1")!.Text());
    }

    [Fact]
    public async Task Region_without_towns_still_has_its_heading_and_feeds()
    {
        var page = await RenderAsync(new RegionPageModel("bw-leer", [], [], Pages.Site, Pages.RenderedAt));

        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Null(page.QuerySelector("#towns"));
        Assert.Null(page.QuerySelector("#matrix"));
        Assert.Null(page.QuerySelector("#map"));
        Assert.Equal(3, page.QuerySelectorAll("#feeds a").Length);
    }

    [Fact]
    public async Task Gap_of_a_town_the_page_does_not_know_is_still_listed_by_its_slug()
    {
        var model = DemoPages.Region("bw-tuebingen") with { Gaps = [new AidGap("anderort", "vehicle-registration")] };

        var page = await RenderAsync(model);

        Assert.Equal("anderort: Kfz-Zulassung", Assert.Single(page.QuerySelectorAll("#gaps li")).Text());
        Assert.Empty(page.QuerySelectorAll("#matrix td.gap"));
    }

    internal static RegionPageTown Town(TownDocument document, GeoLocation? location) => new(document, location);

    internal static async Task<IDocument> RenderAsync(RegionPageModel model) => Pages.Parse(await Pages.Html.RegionPageAsync(model));

    /// <summary>The matrix cell of a town (row header) and a service (column header).</summary>
    private static IElement Cell(IDocument page, string town, string service)
    {
        var columns = page.QuerySelectorAll("#matrix thead th").Select(th => th.Text()).ToList();
        var column = columns.IndexOf(service);
        Assert.True(column > 0, $"no column {service}");
        var row = page.QuerySelectorAll("#matrix tbody tr").Single(tr => tr.QuerySelector("th")!.Text() == town);
        return row.Children[column];
    }

    private static (string Town, string Service) Position(IDocument page, IElement cell)
    {
        var row = cell.ParentElement!;
        var column = row.Children.Index(cell);
        return (row.QuerySelector("th")!.Text(), page.QuerySelectorAll("#matrix thead th")[column].Text());
    }

    /// <summary>Circle centre, radius and label position of each town on the map, by the name in its label.</summary>
    internal static Dictionary<string, (string Name, double X, double Y, double R, double LabelX, double LabelY)> Points(IDocument page) =>
        page.QuerySelectorAll("#map svg g")
            .Select(g => (
                Name: g.QuerySelector("tspan")!.TextContent,
                X: Number(g.QuerySelector("circle")!.GetAttribute("cx")!),
                Y: Number(g.QuerySelector("circle")!.GetAttribute("cy")!),
                R: Number(g.QuerySelector("circle")!.GetAttribute("r")!),
                LabelX: Number(g.QuerySelector("text")!.GetAttribute("x")!),
                LabelY: Number(g.QuerySelector("text")!.GetAttribute("y")!)))
            .ToDictionary(p => p.Name);

    private static double Number(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
}
