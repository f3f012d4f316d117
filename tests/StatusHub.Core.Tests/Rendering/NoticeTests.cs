using System.Text;
using AngleSharp.Dom;
using StatusHub.Core.Documents;
using StatusHub.Core.Rendering;
using StatusHub.Core.Rendering.Html;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>The notice for the town-hall door (API.md "/{town}/aushang/"): what it says, its limits, and that hostile text stays text.</summary>
public class NoticeTests
{
    private const string Payload = "\"><img src=x onerror=alert(1)></script><script>alert(1)</script>]]></svg>\u202E";

    /// <summary>A town at every limit the API allows and beyond what a page can hold: 200-character headline, 30 services with 1,000-character notes, 12 aid offers.</summary>
    internal static TownDocument Crowded(string payload = Payload)
    {
        static LocalizedText Long(string seed, int length) => Pages.DeEn(Repeat(seed, length), Repeat("EN " + seed, length));
        var states = new[] { ServiceState.Unavailable, ServiceState.Limited, ServiceState.Available, ServiceState.Unknown };
        return Pages.Full() with
        {
            Town = new TownReference("musterstadt", Repeat(payload, Limits.MaxTownName), "bw-test", "https://www.musterstadt.de/" + Repeat("lange-adresse/", 300), "+49 7473 370-0 " + payload[..10], "de"),
            Headline = Long(payload + " Überschrift ", Limits.MaxHeadline),
            Services =
            [
                .. Enumerable.Range(0, 30).Select(i => new ServiceView($"custom-{i}", Long($"{i} {payload} Leistung ", Limits.MaxServiceName), states[i % 4], Long($"{i} {payload} Hinweis ", Limits.MaxNote))),
            ],
            Aid =
            [
                .. Enumerable.Range(0, 12).Select(i => new AidMatchView($"custom-{i}", new ProviderReference($"nachbar-{i}", Repeat(payload + " Nachbarort ", Limits.MaxTownName)), Long(payload, Limits.MaxNote), null)),
            ],
        };
    }

    [Fact]
    public async Task Notice_shows_level_headline_stand_phone_services_aid_and_the_address()
    {
        var page = await RenderAsync(DemoPages.Model(DemoPages.Moessingen(), "de"));

        Assert.Equal("de", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Notbetrieb", page.QuerySelector("main .level .badge")!.Text());
        Assert.Equal("Mössingen", page.QuerySelector("main .town")!.Text());
        Assert.Equal(DemoTowns.Load("moessingen").Headline["de"], Assert.Single(page.QuerySelectorAll("h1")).Text());
        Assert.StartsWith("Stand: ", page.QuerySelector("main .asof")!.Text(), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("main .asof time[datetime]"));
        var phone = page.QuerySelector("#reach a[href^='tel:']")!;
        Assert.Equal("tel:+4974733700", phone.GetAttribute("href"));
        Assert.Equal("+49 7473 370-0", phone.Text());

        Assert.Equal(["state-unavailable", "state-limited", "state-available"], page.QuerySelectorAll("main section.group").Select(s => s.Id!));
        Assert.Equal(["Was nicht geht", "Was eingeschränkt geht", "Was geht"], page.QuerySelectorAll("main section.group h2").Select(h => h.Text()));
        Assert.Contains("E-Mail", page.QuerySelector("#state-unavailable")!.Text(), StringComparison.Ordinal);
        Assert.Contains("Telefon", page.QuerySelector("#state-available")!.Text(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#state-unknown"));

        Assert.Equal(["Ofterdingen", "Ofterdingen"], page.QuerySelectorAll("#aid li a").Select(a => a.Text()));
        Assert.Equal("/ofterdingen/", page.QuerySelector("#aid li a")!.GetAttribute("href"));

        var address = page.QuerySelector("#qr p a")!;
        Assert.Equal("https://status.example.org/moessingen/", address.GetAttribute("href"));
        Assert.Equal("status.example.org/moessingen/", address.Text());
        Assert.Equal("Aktuelle Informationen: status.example.org/moessingen/", page.QuerySelector("#qr p")!.Text());
    }

    [Fact]
    public async Task Notice_is_in_the_default_language_with_its_own_canonical_address_and_kept_out_of_search_results()
    {
        var page = await RenderAsync(DemoPages.Model(DemoPages.Moessingen(), "en"));

        Assert.Equal("de", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Aushang: Mössingen – " + DemoTowns.Load("moessingen").Headline["de"], page.Title);
        Assert.Equal("https://status.example.org/moessingen/aushang/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.Equal("/moessingen/", page.QuerySelector("header a[href='/moessingen/']")!.GetAttribute("href"));
        Assert.Empty(page.QuerySelectorAll("link[rel=alternate]"));
    }

    [Theory]
    [InlineData("de", "Aushang zum Ausdrucken")]
    [InlineData("en", "Print this notice")]
    public async Task Every_town_page_links_its_notice_from_the_footer(string language, string text)
    {
        var page = await Pages.RenderAsync(DemoPages.Model(DemoPages.Moessingen(), language));

        var link = Assert.Single(page.QuerySelectorAll("footer a"));
        Assert.Equal("/moessingen/aushang/", link.GetAttribute("href"));
        Assert.Equal(text, link.Text());
        Assert.Equal("print", link.ParentElement!.Id);
    }

    [Fact]
    public async Task Notice_QR_code_is_inline_svg_with_a_name_and_no_style_attribute()
    {
        var html = await Pages.Html.NoticePageAsync(DemoPages.Model(DemoPages.Moessingen(), "de"));
        var page = Pages.Parse(html);

        var qr = Assert.Single(page.QuerySelectorAll("svg.qr"));
        Assert.Equal("img", qr.GetAttribute("role"));
        Assert.Equal("QR-Code mit der Adresse status.example.org/moessingen/", qr.GetAttribute("aria-label"));
        Assert.Matches("^0 0 (\\d+) \\1$", qr.GetAttribute("viewBox"));
        Assert.Equal(["rect", "path"], qr.Children.Select(c => c.LocalName));
        Assert.Equal(["#ffffff", "#000000"], qr.Children.Select(c => c.GetAttribute("fill")));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.DoesNotContain("<?xml", html, StringComparison.Ordinal);
        Assert.Equal(1, Count(html, "<!DOCTYPE"));
        Assert.Empty(page.QuerySelectorAll("script, img, [src], link[rel=stylesheet]"));
        Assert.StartsWith("default-src 'none';", page.QuerySelector("meta[http-equiv=Content-Security-Policy]")!.GetAttribute("content"), StringComparison.Ordinal);
    }

    [Fact]
    public void Notice_QR_code_keeps_the_quiet_zone_and_error_correction_Q()
    {
        var qr = QrCodeSvg.For("https://status.example.org/moessingen/");

        // "https://status.example.org/moessingen/" is 38 bytes: version 4 (33 modules) at level Q (version 3 holds 32 at Q, 42 at M), plus 4 modules of quiet zone on each side.
        Assert.Equal("0 0 41 41", qr.ViewBox);
        Assert.StartsWith("<rect x=\"0\" y=\"0\" width=\"41\" height=\"41\" fill=\"#ffffff\"", qr.Drawing, StringComparison.Ordinal);
        Assert.Contains("<path fill=\"#000000\" d=\"M4 4h7v1h-7z", qr.Drawing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notice_of_a_crowded_town_keeps_to_its_limits()
    {
        var document = Crowded();
        var page = await RenderAsync(Pages.Model(document));

        var groups = page.QuerySelectorAll("main section.group");
        Assert.Equal(3, groups.Length);
        Assert.All(groups, group =>
        {
            // Beside its long headline the crowded town shows one service less per group.
            Assert.Equal(NoticeView.MaxServicesPerGroupWithLongHeadline, group.QuerySelectorAll("li").Length);
            Assert.All(group.QuerySelectorAll("li strong"), name => Assert.InRange(name.TextContent.Length, 1, NoticeView.MaxServiceName));
            Assert.All(group.QuerySelectorAll("li span"), note => Assert.InRange(note.TextContent.Length, 1, NoticeView.MaxNote));
            Assert.All(group.QuerySelectorAll("li span"), note => Assert.EndsWith("…", note.TextContent, StringComparison.Ordinal));
        });
        Assert.Equal(["und 5 weitere", "und 5 weitere", "und 4 weitere"], groups.Select(g => g.QuerySelector(".more")!.Text()));
        Assert.Equal(NoticeView.MaxAid, page.QuerySelectorAll("#aid li").Length);
        Assert.All(page.QuerySelectorAll("#aid li a"), a => Assert.InRange(a.TextContent.Length, 1, NoticeView.MaxProviderName));
        Assert.Equal("und 9 weitere", page.QuerySelector("#aid .more")!.Text());
        Assert.InRange(page.QuerySelector("#reach a:not([href^='tel:'])")!.TextContent.Length, 1, NoticeView.MaxWebsiteText);
        Assert.Equal(document.Town.Website, page.QuerySelector("#reach a:not([href^='tel:'])")!.GetAttribute("href"));

        // The headline is never cut, only set smaller.
        var h1 = page.QuerySelector("h1")!;
        Assert.Equal(document.Headline["de"], h1.TextContent);
        Assert.Equal("long", h1.ClassName);
    }

    [Fact]
    public async Task Hostile_text_on_the_notice_stays_text()
    {
        var page = await RenderAsync(Pages.Model(HostileTextTests.Hostile(Payload)));

        AssertNothingInjected(page);
        Assert.Equal(Payload, page.QuerySelector("h1")!.TextContent);
        Assert.Equal(Payload, page.QuerySelector("main .town")!.TextContent);
        Assert.Equal("Aushang: " + Payload + " – " + Payload, page.Title);
        Assert.All(page.QuerySelectorAll("main .group li strong"), name => Assert.Equal(NoticeView.Cut(Payload, NoticeView.MaxServiceName), name.TextContent));
        Assert.All(page.QuerySelectorAll("main .group li span"), note => Assert.Equal(NoticeView.Cut(Payload, NoticeView.MaxNote), note.TextContent));
        Assert.Equal(NoticeView.Cut(Payload, NoticeView.MaxProviderName), page.QuerySelector("#aid li a")!.TextContent);
        Assert.Equal(Payload + " 0711 1", page.QuerySelector("#reach a[href^='tel:']")!.TextContent);
        Assert.Single(page.QuerySelectorAll("svg.qr"));

        var crowded = await RenderAsync(Pages.Model(Crowded()));
        AssertNothingInjected(crowded);
    }

    [Theory]
    [InlineData("kurz", 10, "kurz")]
    [InlineData("ein langer Hinweis mit Wörtern", 12, "ein langer…")]
    [InlineData("Einlangeswortohneleerzeichen", 10, "Einlanges…")]
    [InlineData("abcdefgh🚨xyz", 10, "abcdefgh…")]
    [InlineData("Geöffnet, aber nur im Notbetrieb. Mehr folgt", 36, "Geöffnet, aber nur im Notbetrieb…")]
    public void Cut_keeps_within_the_length_at_a_word_and_never_splits_a_character(string text, int length, string expected)
    {
        var cut = NoticeView.Cut(text, length);

        Assert.Equal(expected, cut);
        Assert.InRange(cut.Length, 1, length);
        Assert.False(char.IsHighSurrogate(cut[^1]) || (cut.Length > 1 && char.IsHighSurrogate(cut[^2])));
    }

    [Fact]
    public async Task Renderer_writes_one_notice_per_town_as_html()
    {
        var renderer = new TownSiteRenderer(Pages.Html);

        var files = await renderer.RenderTownAsync(DemoPages.Moessingen(), Pages.Site, DemoPages.RenderedAt);

        var notice = Assert.Single(files, f => f.Path.Contains("aushang", StringComparison.Ordinal));
        Assert.Equal("moessingen/aushang/index.html", notice.Path);
        Assert.Equal(SitePaths.Notice("moessingen"), notice.Path);
        Assert.Equal("moessingen/aushang/", SitePaths.NoticeUrl("moessingen"));
        Assert.Equal("text/html; charset=utf-8", notice.ContentType);
        Assert.Equal(SiteFile.ShortCache, notice.CacheControl);
        var page = Pages.Parse(Encoding.UTF8.GetString(notice.Content));
        Assert.Equal("Notbetrieb", page.QuerySelector("main .level .badge")!.Text());
    }

    /// <summary>No script at all (the notice has no linked data), no element or attribute from town text; the SVGs hold only icon and QR shapes.</summary>
    private static void AssertNothingInjected(IDocument page)
    {
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Name == "style");
        Assert.Empty(page.QuerySelectorAll("img, iframe, object, embed, form, base, input, button, meta[http-equiv=refresh], svg a"));
        Assert.Empty(page.QuerySelectorAll("body style, body link, body meta, body title"));
        Assert.Single(page.QuerySelectorAll("style"));
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.All(page.QuerySelectorAll("[href]"), element =>
        {
            var target = element.GetAttribute("href")!.Trim().ToLowerInvariant();
            Assert.False(target.StartsWith("javascript:", StringComparison.Ordinal) || target.StartsWith("data:", StringComparison.Ordinal) || target.StartsWith("vbscript:", StringComparison.Ordinal), target);
        });
        Assert.Empty(page.QuerySelectorAll("[src]"));
        Assert.DoesNotContain(page.QuerySelectorAll("svg:not(.qr) *"), e => e.LocalName is not ("path" or "circle"));
        Assert.Equal(["rect", "path"], page.QuerySelector("svg.qr")!.Children.Select(c => c.LocalName));
    }

    private static async Task<IDocument> RenderAsync(TownPageModel model) => Pages.Parse(await Pages.Html.NoticePageAsync(model));

    private static string Repeat(string seed, int length)
    {
        var text = new StringBuilder();
        while (text.Length < length)
        {
            text.Append(seed);
        }

        return text.ToString(0, length).TrimEnd();
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.OrdinalIgnoreCase); index >= 0; index = text.IndexOf(value, index + 1, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }
}
