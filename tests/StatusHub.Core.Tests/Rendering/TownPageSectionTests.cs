using AngleSharp.Dom;
using StatusHub.Core.Documents;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>Each section of the town page is there exactly when the data has something to say, in the order a citizen needs it.</summary>
public class TownPageSectionTests
{
    private static readonly string[] ContentSections = ["#situation", "#services", "#aid", "#contact", "#qa", "#timeline", "#more"];

    [Fact]
    public async Task Full_page_answers_the_questions_in_order()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full()));

        var all = page.All.ToList();
        string[] order = ["header #languages", "#situation .level", "#situation h1", "#situation .asof", "#situation #glance", "#situation .summary", .. ContentSections.Skip(1), "footer"];
        var positions = order.Select(selector => all.IndexOf(page.QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"{selector} missing"))).ToList();

        Assert.Equal(positions.Order(), positions);
        Assert.All(ContentSections, selector => Assert.Same(page.QuerySelector("main"), page.QuerySelector(selector)!.ParentElement));
    }

    [Fact]
    public async Task Minimal_page_has_only_the_situation()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Minimal(), languages: ["de"]));

        Assert.NotNull(page.QuerySelector("#situation h1"));
        Assert.NotNull(page.QuerySelector("#situation .asof time"));
        Assert.All(ContentSections.Skip(1), selector => Assert.Null(page.QuerySelector(selector)));
        Assert.Null(page.QuerySelector("#languages"));
        Assert.Null(page.QuerySelector("#stale"));
        Assert.Empty(page.QuerySelectorAll("main details"));
        Assert.Equal(["h1"], page.QuerySelectorAll("main h1, main h2, main h3").Select(h => h.LocalName));
    }

    [Fact]
    public async Task Aid_section_lists_each_matching_offer_with_a_link_to_the_provider()
    {
        var document = Pages.Full() with
        {
            Aid =
            [
                .. Pages.Full().Aid,
                new AidMatchView("id-documents", new ProviderReference("anderort", "Anderort"), new LocalizedText(), null),
            ],
        };

        var page = await Pages.RenderAsync(Pages.Model(document));

        var offers = page.QuerySelectorAll("#aid li");
        Assert.Equal(2, offers.Length);
        Assert.Equal("Kfz-Zulassung", offers[0].QuerySelector("strong")!.Text());
        Assert.Equal("Kfz-Zulassung Sie können nach Nachbarort gehen. Im Bürgerbüro Nachbarort, Termin nötig. Angebot gilt bis Sonntag, 31. Dezember 2023", offers[0].TextContent);
        Assert.Equal("/nachbarort/", offers[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Nachbarort", offers[0].QuerySelector("a")!.Text());
        Assert.Contains("Im Bürgerbüro Nachbarort, Termin nötig.", offers[0].Text(), StringComparison.Ordinal);
        Assert.Contains("Angebot gilt bis Sonntag, 31. Dezember 2023", offers[0].Text(), StringComparison.Ordinal);
        Assert.Equal("Ausweise und Pässe", offers[1].QuerySelector("strong")!.Text());
        Assert.Equal("/anderort/", offers[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.DoesNotContain("Angebot gilt bis", offers[1].Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aid_section_is_omitted_without_matches()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full() with { Aid = [] }));

        Assert.Null(page.QuerySelector("#aid"));
        Assert.NotNull(page.QuerySelector("#services"));
    }

    [Fact]
    public async Task Questions_are_collapsible_details_in_the_towns_order()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full()));

        var details = page.QuerySelectorAll("#qa details");
        Assert.Equal(["Kann ich eine E-Mail schicken?", "Wie lange dauert es?"], details.Select(d => d.QuerySelector("summary")!.Text()));
        Assert.All(details, d => Assert.Same(d.FirstElementChild, d.QuerySelector("summary")));
        Assert.Equal("anrufen", details[0].QuerySelector("strong")!.Text());
        Assert.Equal("tel:+4974733700", details[0].QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Questions_section_is_omitted_without_questions()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full() with { Qa = [] }));

        Assert.Null(page.QuerySelector("#qa"));
        Assert.Empty(page.QuerySelectorAll("main details"));
    }

    [Fact]
    public async Task Timeline_shows_updates_newest_first_with_their_time()
    {
        var updates = Pages.Full().Updates.Reverse().ToList();

        var page = await Pages.RenderAsync(Pages.Model(Pages.Full() with { Updates = updates }));

        var items = page.QuerySelectorAll("#timeline li");
        Assert.Equal(["Telefone gehen wieder.", "Cyberangriff festgestellt."], items.Select(i => i.QuerySelector(".md")!.Text()));
        Assert.Equal(["2023-11-23T09:00:00+01:00", "2023-11-21T09:00:00+01:00"], items.Select(i => i.QuerySelector("time")!.GetAttribute("datetime")));
    }

    [Fact]
    public async Task Timeline_is_omitted_without_updates()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full() with { Updates = [] }));

        Assert.Null(page.QuerySelector("#timeline"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("www.musterstadt.de")]
    [InlineData("ftp://musterstadt.de/info")]
    public async Task More_information_is_omitted_without_a_web_address(string? moreInfoUrl)
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full() with { MoreInfoUrl = moreInfoUrl }));

        Assert.Null(page.QuerySelector("#more"));
    }

    [Fact]
    public async Task More_information_links_to_the_towns_page()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full()));

        var link = page.QuerySelector("#more a")!;
        Assert.Equal("https://www.musterstadt.de/cyberangriff", link.GetAttribute("href"));
        Assert.Equal("www.musterstadt.de/cyberangriff", link.Text());
    }

    [Fact]
    public async Task Contact_section_is_omitted_without_phone_or_website()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full() with { Town = Pages.Minimal().Town }));

        Assert.Null(page.QuerySelector("#contact"));
    }

    [Fact]
    public async Task Contact_section_has_phone_as_tel_link_and_the_website()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full()));

        var links = page.QuerySelectorAll("#contact a");
        Assert.Equal(["tel:+4974733700", "https://www.musterstadt.de/"], links.Select(a => a.GetAttribute("href")));
        Assert.Equal(["+49 7473 370-0", "www.musterstadt.de"], links.Select(a => a.Text()));
    }

    [Fact]
    public async Task Services_are_grouped_by_state_with_what_does_not_work_first()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full()));

        var groups = page.QuerySelectorAll("#services .group");
        Assert.Equal(["Nicht möglich", "Eingeschränkt möglich", "Möglich", "Noch unklar"], groups.Select(g => g.QuerySelector("h3")!.Text()));
        Assert.All(groups, g => Assert.Equal("true", g.QuerySelector("h3 svg")!.GetAttribute("aria-hidden")));
        Assert.Equal(["E-Mail", "Kfz-Zulassung"], groups[0].QuerySelectorAll("li strong").Select(s => s.Text()));
        Assert.Equal("E-Mail Keine E-Mails.", groups[0].QuerySelector("li")!.Text());
        Assert.Equal(["Bürgerbüro"], groups[1].QuerySelectorAll("li strong").Select(s => s.Text()));
        Assert.Equal(["Telefon"], groups[2].QuerySelectorAll("li strong").Select(s => s.Text()));
        Assert.Equal(["Zahlungen und Kasse"], groups[3].QuerySelectorAll("li strong").Select(s => s.Text()));
    }

    [Fact]
    public async Task Empty_state_groups_and_an_empty_service_list_are_omitted()
    {
        var onlyAvailable = Pages.Full() with { Services = [Pages.Service("phone", ServiceState.Available, new LocalizedText())] };

        var page = await Pages.RenderAsync(Pages.Model(onlyAvailable));
        var none = await Pages.RenderAsync(Pages.Model(Pages.Full() with { Services = [] }));

        var group = Assert.Single(page.QuerySelectorAll("#services .group"));
        Assert.Equal("Möglich", group.QuerySelector("h3")!.Text());
        Assert.Null(group.QuerySelector("li span"));
        Assert.Null(none.QuerySelector("#services"));
    }

    [Fact]
    public async Task Town_without_english_has_no_language_switch()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Minimal(), languages: ["de"]));

        Assert.Null(page.QuerySelector("nav"));
        Assert.Empty(page.QuerySelectorAll("a[hreflang]"));
        Assert.Equal(["de", "x-default"], page.QuerySelectorAll("link[rel=alternate]").Select(l => l.GetAttribute("hreflang")));
    }

    [Fact]
    public async Task Language_switch_links_every_other_language_page()
    {
        var de = await Pages.RenderAsync(Pages.Model(Pages.Full()));
        var en = await Pages.RenderAsync(Pages.Model(Pages.Full(), "en"));

        var toEnglish = Assert.Single(de.QuerySelectorAll("nav#languages a"));
        Assert.Equal(("/musterstadt/en/", "en", "en", "English"), (toEnglish.GetAttribute("href"), toEnglish.GetAttribute("hreflang"), toEnglish.GetAttribute("lang"), toEnglish.Text()));
        var toGerman = Assert.Single(en.QuerySelectorAll("nav#languages a"));
        Assert.Equal(("/musterstadt/", "de", "de", "Deutsch"), (toGerman.GetAttribute("href"), toGerman.GetAttribute("hreflang"), toGerman.GetAttribute("lang"), toGerman.Text()));
        foreach (var page in new[] { de, en })
        {
            var alternates = page.QuerySelectorAll("head link[rel=alternate]").Select(l => (l.GetAttribute("hreflang"), l.GetAttribute("href")));
            Assert.Equal(
                [("de", "https://status.example.org/musterstadt/"), ("en", "https://status.example.org/musterstadt/en/"), ("x-default", "https://status.example.org/musterstadt/")],
                alternates);
        }

        Assert.Equal("https://status.example.org/musterstadt/en/", en.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("https://status.example.org/musterstadt/", de.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Stale_information_carries_a_visible_warning()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full(), renderedAt: Pages.AsOf + TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1)));
        var english = await Pages.RenderAsync(Pages.Model(Pages.Full(), "en", renderedAt: Pages.AsOf.AddDays(10)));

        var warning = page.QuerySelector("#situation #stale")!;
        Assert.StartsWith("Achtung: Diese Angaben sind älter als 3 Tage", warning.Text(), StringComparison.Ordinal);
        Assert.NotNull(warning.QuerySelector("svg[aria-hidden=true]"));
        Assert.True(page.QuerySelector("#situation .asof")!.CompareDocumentPosition(warning).HasFlag(DocumentPositions.Following));
        Assert.StartsWith("Please note: This information is more than 3 days old", english.QuerySelector("#stale")!.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60 * 24 * 3)]
    public async Task Fresh_information_has_no_warning(int minutesOld)
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full(), renderedAt: Pages.AsOf.AddMinutes(minutesOld)));

        Assert.Null(page.QuerySelector("#stale"));
    }

    [Fact]
    public async Task Town_that_never_published_gets_a_heading_and_no_as_of_time()
    {
        var document = Pages.Minimal() with { Level = TownLevel.Normal, Headline = new LocalizedText(), Summary = new LocalizedText(), AsOf = null };

        var page = await Pages.RenderAsync(Pages.Model(document, languages: ["de"]));

        Assert.Equal("Normalbetrieb", page.QuerySelector("h1")!.Text());
        Assert.Null(page.QuerySelector(".asof"));
        Assert.Null(page.QuerySelector("#stale"));
    }
}
