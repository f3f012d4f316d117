using System.Text.Json;
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
            Assert.Equal(payload, page.QuerySelector("#situation h1 + p")!.TextContent);
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

    [Fact]
    public async Task Bidi_override_stays_inside_the_text_it_came_with()
    {
        var page = await Pages.RenderAsync(Pages.Model(Hostile("Bidi \u202Eevil")));

        var carriers = page.Body!.Descendants<AngleSharp.Dom.IText>().Where(t => t.Data.Contains('\u202E', StringComparison.Ordinal)).Select(t => t.ParentElement!).ToList();
        Assert.NotEmpty(carriers);
        Assert.All(carriers, element => Assert.True(
            element.Matches("h1, p, summary, bdi, li > strong, li > span"),
            $"{element.LocalName} does not end or isolate the override"));
        Assert.Contains("li>strong,li>span{unicode-bidi:isolate}", StatusHub.Core.Rendering.Html.PageStyle.Css, StringComparison.Ordinal);
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
