using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>What the town page says and how: words, times, languages, head and linked data.</summary>
public class TownPageContentTests
{
    [Theory]
    [InlineData(TownLevel.Normal, "de", "Normalbetrieb")]
    [InlineData(TownLevel.Disrupted, "de", "Eingeschränkt")]
    [InlineData(TownLevel.Emergency, "de", "Notbetrieb")]
    [InlineData(TownLevel.Offline, "de", "Verwaltung nicht erreichbar")]
    [InlineData(TownLevel.Normal, "en", "Normal operation")]
    [InlineData(TownLevel.Disrupted, "en", "Disrupted")]
    [InlineData(TownLevel.Emergency, "en", "Emergency operation")]
    [InlineData(TownLevel.Offline, "en", "Administration unreachable")]
    public async Task Level_is_shown_in_words_with_a_symbol(TownLevel level, string language, string words)
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full() with { Level = level }, language));

        var badge = page.QuerySelector("#situation .level .badge")!;
        Assert.Equal(words, badge.Text());
        Assert.Equal("true", badge.QuerySelector("svg")!.GetAttribute("aria-hidden"));
        Assert.True(badge.QuerySelector("svg")!.ChildElementCount > 0);
    }

    [Fact]
    public async Task Each_level_has_its_own_symbol()
    {
        var symbols = new HashSet<string>();
        foreach (var level in Enum.GetValues<TownLevel>())
        {
            var page = await Pages.RenderAsync(Pages.Model(Pages.Full() with { Level = level }));
            symbols.Add(page.QuerySelector(".level svg")!.InnerHtml);
        }

        Assert.Equal(Enum.GetValues<TownLevel>().Length, symbols.Count);
    }

    [Fact]
    public async Task Headline_is_the_only_h1_and_the_summary_is_in_the_situation()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full()));

        var h1 = Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Equal("Cyberangriff: Verwaltung im Notbetrieb", h1.Text());
        Assert.Equal("Die Verwaltung arbeitet im Notbetrieb.", page.QuerySelector("#situation .summary")!.Text());
        Assert.Equal("Musterstadt", page.QuerySelector("#situation .town")!.Text());
        Assert.Equal("Musterstadt – Cyberangriff: Verwaltung im Notbetrieb", page.Title);
    }

    [Theory]
    [InlineData("de", "2023-11-23T08:00:00Z", "2023-11-23T09:00:00+01:00", "Stand: Donnerstag, 23. November 2023, 09:00 Uhr")]
    [InlineData("en", "2023-11-23T08:00:00Z", "2023-11-23T09:00:00+01:00", "As of: Thursday, 23 November 2023, 09:00")]
    [InlineData("de", "2023-07-01T10:05:00Z", "2023-07-01T12:05:00+02:00", "Stand: Samstag, 1. Juli 2023, 12:05 Uhr")]
    [InlineData("de", "2023-03-26T00:59:00Z", "2023-03-26T01:59:00+01:00", "Stand: Sonntag, 26. März 2023, 01:59 Uhr")]
    [InlineData("de", "2023-03-26T01:00:00Z", "2023-03-26T03:00:00+02:00", "Stand: Sonntag, 26. März 2023, 03:00 Uhr")]
    [InlineData("en", "2023-12-31T23:30:00Z", "2024-01-01T00:30:00+01:00", "As of: Monday, 1 January 2024, 00:30")]
    public async Task As_of_time_is_German_local_time_in_words_and_in_datetime(string language, string asOf, string datetime, string text)
    {
        var when = DateTimeOffset.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture);

        var page = await Pages.RenderAsync(Pages.Model(Pages.Full() with { AsOf = when }, language, renderedAt: when));

        var paragraph = page.QuerySelector("#situation .asof")!;
        Assert.Equal(datetime, paragraph.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal(text, paragraph.Text());
    }

    [Fact]
    public async Task Footer_tells_when_the_page_was_rendered()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full()));

        var footer = page.QuerySelector("footer")!;
        Assert.Equal("2023-11-23T11:00:00+01:00", footer.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Contains("Seite erstellt: Donnerstag, 23. November 2023, 11:00 Uhr", footer.Text(), StringComparison.Ordinal);
        Assert.Contains("StatusHub", footer.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+49 7473 370-0", "tel:+4974733700")]
    [InlineData("(0331) 289-0", "tel:03312890")]
    [InlineData("0049 331 2890", "tel:+493312890")]
    [InlineData("115", "tel:115")]
    public async Task Phone_number_becomes_a_tel_link_of_digits(string phone, string href)
    {
        var document = Pages.Full() with { Town = Pages.Full().Town with { Phone = phone } };

        var page = await Pages.RenderAsync(Pages.Model(document));

        var link = page.QuerySelector("#contact a[href^='tel:']")!;
        Assert.Equal(href, link.GetAttribute("href"));
        Assert.Equal(phone, link.Text());
    }

    [Fact]
    public async Task English_page_falls_back_to_german_text_marked_with_its_language()
    {
        var document = Pages.Full() with
        {
            Summary = Pages.De("Nur auf Deutsch."),
            Services = [Pages.Service("email", ServiceState.Unavailable, Pages.De("Keine E-Mails."))],
            Qa = [new QaItem("q", Pages.De("Nur deutsch?"), Pages.DeEn("Ja.", "Yes."))],
            Updates = [new TimelineUpdate("u", Pages.De("Meldung."), Pages.AsOf)],
        };

        var page = await Pages.RenderAsync(Pages.Model(document, "en"));

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.False(page.QuerySelector("h1")!.HasAttribute("lang"));
        Assert.Equal("de", page.QuerySelector("#situation .summary")!.GetAttribute("lang"));
        Assert.Equal("Nur auf Deutsch.", page.QuerySelector("#situation .summary")!.Text());
        var service = page.QuerySelector("#services li")!;
        Assert.Equal(("E-mail", null), (service.QuerySelector("strong")!.Text(), service.QuerySelector("strong")!.GetAttribute("lang")));
        Assert.Equal("de", service.QuerySelector("span")!.GetAttribute("lang"));
        Assert.Equal("de", page.QuerySelector("#qa summary")!.GetAttribute("lang"));
        Assert.False(page.QuerySelector("#qa .md")!.HasAttribute("lang"));
        Assert.Equal("de", page.QuerySelector("#timeline .md")!.GetAttribute("lang"));
        Assert.Equal("What works and what doesn't", page.QuerySelector("#services h2")!.Text());
        Assert.Empty(page.QuerySelectorAll("h2[lang], .badge[lang], footer[lang]"));
    }

    [Fact]
    public async Task Page_in_a_language_without_labels_marks_the_english_labels()
    {
        var document = Pages.Full() with
        {
            Headline = new LocalizedText { ["de"] = "Notbetrieb", ["pl"] = "Tryb awaryjny" },
        };

        var page = await Pages.RenderAsync(Pages.Model(document, "pl", ["de", "pl"]));

        Assert.Equal("pl", page.DocumentElement.GetAttribute("lang"));
        Assert.False(page.QuerySelector("h1")!.HasAttribute("lang"));
        Assert.Equal("Tryb awaryjny", page.QuerySelector("h1")!.Text());
        Assert.Equal("de", page.QuerySelector("#situation .summary")!.GetAttribute("lang"));
        Assert.All(page.QuerySelectorAll("main h2, .badge, .asof, footer, .skip"), element => Assert.Equal("en", element.GetAttribute("lang")));
        Assert.Equal("Emergency operation", page.QuerySelector(".badge")!.Text());
        var toGerman = Assert.Single(page.QuerySelectorAll("nav#languages a"));
        Assert.Equal(("/musterstadt/", "Deutsch"), (toGerman.GetAttribute("href"), toGerman.Text()));
        Assert.Equal("https://status.example.org/musterstadt/pl/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Right_to_left_page_sets_the_direction_and_isolates_left_to_right_fallbacks()
    {
        var document = Pages.Full() with { Headline = new LocalizedText { ["de"] = "Notbetrieb", ["ar"] = "تشغيل الطوارئ" } };

        var page = await Pages.RenderAsync(Pages.Model(document, "ar", ["de", "ar"]));

        Assert.Equal(("ar", "rtl"), (page.DocumentElement.GetAttribute("lang"), page.DocumentElement.GetAttribute("dir")));
        Assert.False(page.QuerySelector("h1")!.HasAttribute("dir"));
        var summary = page.QuerySelector("#situation .summary")!;
        Assert.Equal(("de", "ltr"), (summary.GetAttribute("lang"), summary.GetAttribute("dir")));
        Assert.Equal((null, null), (page.QuerySelector("main h2")!.GetAttribute("lang"), page.QuerySelector("main h2")!.GetAttribute("dir")));
    }

    [Fact]
    public async Task Right_to_left_page_without_chrome_of_its_own_marks_the_english_labels_left_to_right()
    {
        var document = Pages.Full() with { Headline = new LocalizedText { ["de"] = "Notbetrieb", ["fa"] = "وضعیت اضطراری" } };

        var page = await Pages.RenderAsync(Pages.Model(document, "fa", ["de", "fa"]));

        Assert.Equal(("fa", "rtl"), (page.DocumentElement.GetAttribute("lang"), page.DocumentElement.GetAttribute("dir")));
        Assert.Equal(("en", "ltr"), (page.QuerySelector("main h2")!.GetAttribute("lang"), page.QuerySelector("main h2")!.GetAttribute("dir")));
    }

    [Fact]
    public async Task Head_has_charset_viewport_description_canonical_and_a_strict_policy()
    {
        var html = await Pages.Html.TownPageAsync(Pages.Model(Pages.Full()));
        var page = Pages.Parse(html);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal("utf-8", page.Head!.FirstElementChild!.GetAttribute("charset"));
        Assert.Equal("width=device-width, initial-scale=1", page.QuerySelector("meta[name=viewport]")!.GetAttribute("content"));
        Assert.Equal("Die Verwaltung arbeitet im Notbetrieb.", page.QuerySelector("meta[name=description]")!.GetAttribute("content"));
        Assert.Equal("https://status.example.org/musterstadt/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));

        var style = Assert.Single(page.QuerySelectorAll("style"));
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style.TextContent)));
        var policy = page.QuerySelector("meta[http-equiv=Content-Security-Policy]")!.GetAttribute("content");
        Assert.Equal($"default-src 'none'; style-src 'sha256-{hash}'; img-src 'self' data:; base-uri 'none'; form-action 'none'", policy);
        Assert.True(page.QuerySelector("meta[http-equiv=Content-Security-Policy]")!.CompareDocumentPosition(style).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
    }

    [Fact]
    public async Task Long_summary_is_shortened_for_the_description_at_a_word()
    {
        var summary = string.Join(' ', Enumerable.Repeat("Verwaltungsdienstleistung", 20));

        var page = await Pages.RenderAsync(Pages.Model(Pages.Full() with { Summary = Pages.De(summary) }));

        var description = page.QuerySelector("meta[name=description]")!.GetAttribute("content")!;
        Assert.True(description.Length <= 161, description);
        Assert.EndsWith("Verwaltungsdienstleistung…", description, StringComparison.Ordinal);
        Assert.Equal(summary, page.QuerySelector("#situation .summary")!.Text());
    }

    [Fact]
    public async Task Json_ld_is_a_special_announcement_of_the_town()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full(), "en"));

        var script = Assert.Single(page.QuerySelectorAll("script"));
        Assert.Same(page.Head, script.ParentElement);
        Assert.Equal("application/ld+json", script.GetAttribute("type"));
        using var json = JsonDocument.Parse(script.TextContent);
        var root = json.RootElement;
        Assert.Equal("https://schema.org", root.GetProperty("@context").GetString());
        Assert.Equal("SpecialAnnouncement", root.GetProperty("@type").GetString());
        Assert.Equal("Cyberattack: administration in emergency operation", root.GetProperty("name").GetString());
        Assert.Equal("The administration is in emergency operation.", root.GetProperty("text").GetString());
        Assert.Equal("2023-11-23T09:00:00+01:00", root.GetProperty("datePosted").GetString());
        Assert.Equal("https://status.example.org/musterstadt/en/", root.GetProperty("url").GetString());
        Assert.Equal("en", root.GetProperty("inLanguage").GetString());
        Assert.Equal("CityHall", root.GetProperty("announcementLocation").GetProperty("@type").GetString());
        Assert.Equal("Musterstadt", root.GetProperty("announcementLocation").GetProperty("name").GetString());
        Assert.Equal("https://www.musterstadt.de/", root.GetProperty("announcementLocation").GetProperty("url").GetString());
        Assert.Equal("https://www.musterstadt.de/cyberangriff", root.GetProperty("newsUpdatesAndGuidelines").GetString());
        Assert.Equal("https://status.example.org/musterstadt/feed.atom", root.GetProperty("webFeed").GetString());
        Assert.Equal("https://www.wikidata.org/wiki/Q4071928", root.GetProperty("category").GetString());
        Assert.Equal("2023-11-26T09:00:00+01:00", root.GetProperty("expires").GetString());
        Assert.DoesNotContain("Q81068910", script.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_follow_the_path_of_the_site_base_url()
    {
        var model = Pages.Model(Pages.Full()) with { SiteBaseUrl = new Uri("https://example.org/status/") };

        var page = await Pages.RenderAsync(model);

        Assert.Equal("/status/nachbarort/", page.QuerySelector("#aid a")!.GetAttribute("href"));
        Assert.Equal("/status/musterstadt/en/", page.QuerySelector("#languages a")!.GetAttribute("href"));
        Assert.Equal("/status/", page.QuerySelector("header p a")!.GetAttribute("href"));
        Assert.Equal("https://example.org/status/musterstadt/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Custom_service_uses_its_own_name()
    {
        var custom = new ServiceView("kita", new LocalizedText { ["de"] = "Kita-Anmeldung" }, ServiceState.Limited, Pages.De("Nur telefonisch."));

        var page = await Pages.RenderAsync(Pages.Model(Pages.Full() with { Services = [custom] }, "en"));

        var name = page.QuerySelector("#services li strong")!;
        Assert.Equal(("Kita-Anmeldung", "de"), (name.Text(), name.GetAttribute("lang")));
    }
}
