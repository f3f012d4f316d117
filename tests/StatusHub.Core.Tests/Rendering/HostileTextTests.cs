using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;
using StatusHub.Core.Rendering;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>Town text is data, never markup: hostile text in every field stays text, in the body, in attributes and in the JSON-LD.</summary>
public class HostileTextTests
{
    public static TheoryData<string> Payloads => new()
    {
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><svg onload=alert(1)>",
        "</script><script>alert(1)</script>",
        "</title><script>alert(1)</script>",
        "<!--<script>alert(1)//-->",
        "]]><script>alert(1)</script>",
        "javascript:alert(1)",
        "Bidi \u202Eevil\u202C text",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<style>body{display:none}</style><iframe src=\"https://evil.example\"></iframe>",
        "{{7*7}} @(1+1) ${alert(1)}",
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task Hostile_text_in_every_field_is_shown_as_text(string payload)
    {
        foreach (var language in new[] { "de", "en" })
        {
            var html = await Pages.Html.TownPageAsync(Pages.Model(Hostile(payload), language));
            var page = Pages.Parse(html);

            AssertNothingInjected(page);
            Assert.Equal(payload, page.QuerySelector("h1")!.TextContent);
            Assert.Equal(payload, page.QuerySelector("#situation .town")!.TextContent);
            Assert.Equal(payload, page.QuerySelector("#situation .summary")!.TextContent);
            Assert.Equal(payload + " – " + payload, page.Title);
            Assert.Equal(payload, page.QuerySelector("meta[name=description]")!.GetAttribute("content"));
            Assert.All(page.QuerySelectorAll("#services li strong"), name => Assert.Equal(payload, name.TextContent));
            Assert.All(page.QuerySelectorAll("#services li span"), note => Assert.Equal(payload, note.TextContent));
            Assert.Equal(payload, page.QuerySelector("#aid li a")!.TextContent);
            Assert.Equal(payload, page.QuerySelector("#aid li strong")!.TextContent);
            Assert.Equal(payload, page.QuerySelector("#qa summary")!.TextContent);
            Assert.Equal(payload + " 0711 1", page.QuerySelector("#contact a[href^='tel:']")!.TextContent);

            var data = JsonLd(page);
            Assert.Equal(payload, data.GetProperty("name").GetString());
            Assert.Equal(payload, data.GetProperty("text").GetString());
            Assert.Equal(payload, data.GetProperty("announcementLocation").GetProperty("name").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task Hostile_markdown_in_answers_and_updates_stays_text(string payload)
    {
        var page = await Pages.RenderAsync(Pages.Model(Hostile(payload)));

        AssertNothingInjected(page);
        Assert.Contains(payload.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal), page.QuerySelector("#qa .md")!.TextContent, StringComparison.Ordinal);
        Assert.Single(page.QuerySelectorAll("#timeline li"));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("//evil.example/")]
    [InlineData("\"><script>alert(1)</script>")]
    public async Task Website_and_more_information_links_only_to_web_addresses(string url)
    {
        var document = Pages.Full() with
        {
            Town = Pages.Full().Town with { Website = url },
            MoreInfoUrl = url,
        };

        var page = await Pages.RenderAsync(Pages.Model(document));

        AssertNothingInjected(page);
        Assert.Null(page.QuerySelector("#more"));
        Assert.Null(page.QuerySelector("#contact a:not([href^='tel:'])"));
        Assert.False(JsonLd(page).GetProperty("announcementLocation").TryGetProperty("url", out _));
    }

    [Fact]
    public async Task Json_ld_never_contains_markup_characters()
    {
        var html = await Pages.Html.TownPageAsync(Pages.Model(Hostile("</script><script>alert(1)</script><!-- & ]]>")));
        var page = Pages.Parse(html);

        var json = page.QuerySelector("script[type='application/ld+json']")!.TextContent;
        Assert.DoesNotContain('<', json);
        Assert.DoesNotContain('>', json);
        Assert.DoesNotContain('&', json);
        Assert.Equal(1, CountOccurrences(html, "</script>"));
    }

    [Fact]
    public async Task Hostile_site_index_shows_names_as_text()
    {
        const string payload = "\"><img src=x onerror=alert(1)><script>alert(1)</script>";
        var model = new SiteIndexModel([new SiteIndexTown("musterstadt", payload, "bw-test", TownLevel.Offline, Pages.AsOf)], Pages.Site, Pages.RenderedAt);

        var page = Pages.Parse(await Pages.Html.SiteIndexAsync(model));

        Assert.Empty(page.QuerySelectorAll("script, img"));
        Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(payload, page.QuerySelector(".towns a")!.TextContent);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task Hostile_text_on_the_region_page_is_shown_as_text(string payload)
    {
        var html = await Pages.Html.RegionPageAsync(HostileRegion(payload, "bw-test"));
        var page = Pages.Parse(html);

        AssertNothingInjectedOnRegionPage(page);
        Assert.Equal([payload, payload], page.QuerySelectorAll("#towns li > a").Select(a => a.TextContent));
        Assert.Equal([payload, payload], page.QuerySelectorAll("#towns .hl").Select(h => h.TextContent));
        Assert.Equal(["Ort", payload, payload], page.QuerySelectorAll("#matrix thead th").Select(th => th.TextContent));
        Assert.Equal([payload, payload], page.QuerySelectorAll("#matrix tbody th").Select(th => th.TextContent));
        Assert.Equal([payload, payload], page.QuerySelectorAll("#matrix td a").Select(a => a.TextContent));
        Assert.Equal(payload, page.QuerySelector("#gaps li strong")!.TextContent);
        Assert.Equal(payload, page.QuerySelector("#gaps li span")!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll("#matrix td.gap").Length);

        var map = WellFormedMap(html);
        Assert.Equal(["title", "desc", "g", "g"], map.Elements().Select(e => e.Name.LocalName));
        Assert.All(map.Elements("g"), g => Assert.Equal(payload, g.Element("text")!.Elements("tspan").First().Value));
        Assert.Equal([payload, payload], page.QuerySelectorAll("#map svg text tspan:first-child").Select(t => t.TextContent));
    }

    [Fact]
    public async Task Hostile_region_name_stays_text_in_heading_title_map_and_links()
    {
        const string region = "\"><script>alert(1)</script><svg onload=alert(1)>javascript:alert(1)";
        var html = await Pages.Html.RegionPageAsync(HostileRegion("Musterstadt", region));
        var page = Pages.Parse(html);

        AssertNothingInjectedOnRegionPage(page);
        Assert.Contains(region, page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(region, page.Title, StringComparison.Ordinal);
        Assert.Contains(region, WellFormedMap(html).Element("title")!.Value, StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("#feeds a"), a => Assert.StartsWith("/regions/", a.GetAttribute("href"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bidi_override_stays_inside_the_text_it_came_with()
    {
        var page = await Pages.RenderAsync(Pages.Model(Hostile("Bidi \u202Eevil")));

        var carriers = page.Body!.Descendants<AngleSharp.Dom.IText>().Where(t => t.Data.Contains('\u202E', StringComparison.Ordinal)).Select(t => t.ParentElement!).ToList();
        Assert.NotEmpty(carriers);
        Assert.All(carriers, element => Assert.True(
            element.Matches("h1, p, summary, bdi, li > strong, li > span, #glance strong, #glance span, pre > code"),
            $"{element.LocalName} does not end or isolate the override"));
        Assert.Contains("li>strong,li>span,#glance strong,#glance span{unicode-bidi:isolate}", StatusHub.Core.Rendering.Html.PageStyle.Css, StringComparison.Ordinal);
    }

    /// <summary>No element or attribute came from town text: one JSON-LD script, no handlers, no script URLs, nothing that loads or redirects.</summary>
    internal static void AssertNothingInjected(IDocument page)
    {
        var script = Assert.Single(page.QuerySelectorAll("script"));
        Assert.Equal("application/ld+json", script.GetAttribute("type"));
        Assert.Same(page.Head, script.ParentElement);
        Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(page.QuerySelectorAll("img, iframe, object, embed, form, base, input, button, meta[http-equiv=refresh]"));
        Assert.Empty(page.QuerySelectorAll("body style, body link, body meta, body title"));
        Assert.Single(page.QuerySelectorAll("style"));
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.All(page.QuerySelectorAll("[href], [src]"), element =>
        {
            var target = (element.GetAttribute("href") ?? element.GetAttribute("src"))!.Trim().ToLowerInvariant();
            Assert.False(target.StartsWith("javascript:", StringComparison.Ordinal) || target.StartsWith("data:", StringComparison.Ordinal) || target.StartsWith("vbscript:", StringComparison.Ordinal), target);
        });
        Assert.Empty(page.QuerySelectorAll("[src]"));
        Assert.DoesNotContain(page.QuerySelectorAll("svg *"), e => e.LocalName is not ("path" or "circle"));
    }

    /// <summary>The region page has no script at all; the map's title is the only title in the body, its SVG holds only map shapes.</summary>
    internal static void AssertNothingInjectedOnRegionPage(IDocument page)
    {
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(page.QuerySelectorAll("img, iframe, object, embed, form, base, input, button, meta[http-equiv=refresh], svg a"));
        Assert.Empty(page.QuerySelectorAll("body style, body link, body meta"));
        Assert.All(page.QuerySelectorAll("body title"), title => Assert.Equal("map-title", title.Id));
        Assert.Single(page.QuerySelectorAll("style"));
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.All(page.QuerySelectorAll("[href], [src]"), element =>
        {
            var target = (element.GetAttribute("href") ?? element.GetAttribute("src"))!.Trim().ToLowerInvariant();
            Assert.False(target.StartsWith("javascript:", StringComparison.Ordinal) || target.StartsWith("data:", StringComparison.Ordinal) || target.StartsWith("vbscript:", StringComparison.Ordinal), target);
        });
        Assert.Empty(page.QuerySelectorAll("[src]"));
        Assert.True(page.QuerySelectorAll("svg[role=img]").Length <= 1);
        Assert.DoesNotContain(page.QuerySelectorAll("svg:not([role=img]) *"), e => e.LocalName is not ("path" or "circle"));
        Assert.DoesNotContain(page.QuerySelectorAll("svg[role=img] *"), e => e.LocalName is not ("title" or "desc" or "g" or "circle" or "text" or "tspan"));
    }

    /// <summary>The map's markup exactly as written, parsed as XML: text that closed or opened an element would break it.</summary>
    internal static XElement WellFormedMap(string html)
    {
        var start = html.IndexOf("<svg class=\"map\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no map");
        var end = html.IndexOf("</svg>", start, StringComparison.Ordinal) + "</svg>".Length;
        return XElement.Parse(html[start..end]);
    }

    /// <summary>A region of two towns with the payload in every text field, both on the map, each with a helper and a gap.</summary>
    internal static RegionPageModel HostileRegion(string payload, string region)
    {
        var first = Hostile(payload);
        var second = first with { Town = first.Town with { Slug = "zweitort" } };
        return new RegionPageModel(
            region,
            [new RegionPageTown(first, new GeoLocation(48.4, 9.0)), new RegionPageTown(second, new GeoLocation(48.5, 9.1))],
            [new StatusHub.Core.Aid.AidGap("musterstadt", "custom"), new StatusHub.Core.Aid.AidGap("zweitort", "custom")],
            Pages.Site,
            Pages.RenderedAt);
    }

    /// <summary>The payload in every text field of a town document, including the town's name, phone and addresses.</summary>
    internal static TownDocument Hostile(string payload)
    {
        var text = new LocalizedText { ["de"] = payload, ["en"] = payload };
        return new TownDocument(
            new TownReference("musterstadt", payload, "bw-test", payload, payload + " 0711 1", "de"),
            TownLevel.Emergency,
            text,
            text,
            Pages.AsOf,
            payload,
            [new ServiceView("custom", text, ServiceState.Unavailable, text), new ServiceView("email", text, ServiceState.Limited, text)],
            [new QaItem("q", text, new LocalizedText { ["de"] = payload + "\n\n[click](javascript:alert(1)) # " + payload, ["en"] = payload })],
            [new TimelineUpdate("u", new LocalizedText { ["de"] = "# " + payload + "\n\n<" + "javascript:alert(1)>", ["en"] = payload }, Pages.AsOf)],
            [new AidMatchView("email", new ProviderReference("nachbarort", payload), text, null)]);
    }

    private static JsonElement JsonLd(IDocument page)
    {
        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        return json.RootElement.Clone();
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.OrdinalIgnoreCase); index >= 0; index = text.IndexOf(value, index + 1, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }
}
