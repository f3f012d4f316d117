using StatusHub.Core.Domain;
using StatusHub.Core.Rendering;

namespace StatusHub.Core.Tests.Rendering;

public class SiteIndexTests
{
    [Fact]
    public async Task Towns_are_grouped_by_region_and_sorted_by_name()
    {
        var page = Pages.Parse(await Pages.Html.SiteIndexAsync(DemoPages.SiteIndex()));

        var regions = page.QuerySelectorAll("main section");
        Assert.Equal(["bb-potsdam", "bw-tuebingen"], regions.Select(r => r.QuerySelector("h2")!.Text()));
        Assert.Equal(["Michendorf", "Potsdam", "Werder (Havel)"], regions[0].QuerySelectorAll("li a").Select(a => a.Text()));
        Assert.Equal(["Bodelshausen", "Mössingen", "Nehren", "Ofterdingen"], regions[1].QuerySelectorAll("li a").Select(a => a.Text()));
    }

    [Fact]
    public async Task Each_town_has_a_link_a_level_badge_and_its_as_of_time()
    {
        var model = new SiteIndexModel(
            [
                new SiteIndexTown("moessingen", "Mössingen", "bw-tuebingen", TownLevel.Emergency, Pages.AsOf),
                new SiteIndexTown("neustadt", "Neustadt", "bw-tuebingen", TownLevel.Normal, null),
            ],
            Pages.Site,
            Pages.RenderedAt);

        var page = Pages.Parse(await Pages.Html.SiteIndexAsync(model));

        var towns = page.QuerySelectorAll(".towns li");
        Assert.Equal("/moessingen/", towns[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Notbetrieb", towns[0].QuerySelector(".badge")!.Text());
        Assert.Equal("true", towns[0].QuerySelector(".badge svg")!.GetAttribute("aria-hidden"));
        Assert.Equal("2023-11-23T09:00:00+01:00", towns[0].QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("Mössingen Notbetrieb Stand: Donnerstag, 23. November 2023, 09:00 Uhr", towns[0].TextContent);
        Assert.Equal("Neustadt Normalbetrieb", towns[1].TextContent);
        Assert.Equal("Normalbetrieb", towns[1].QuerySelector(".badge")!.Text());
        Assert.Null(towns[1].QuerySelector("time"));
    }

    [Fact]
    public async Task Index_is_german_with_an_english_subtitle_and_the_same_strict_head()
    {
        var page = Pages.Parse(await Pages.Html.SiteIndexAsync(DemoPages.SiteIndex()));

        Assert.Equal("de", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Status der Verwaltungen", Assert.Single(page.QuerySelectorAll("h1")).Text());
        Assert.Equal("en", page.QuerySelector("h1 + p")!.GetAttribute("lang"));
        Assert.StartsWith("Status of municipal administrations", page.QuerySelector("h1 + p")!.Text(), StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("script, [src]"));
        Assert.StartsWith("default-src 'none';", page.QuerySelector("meta[http-equiv=Content-Security-Policy]")!.GetAttribute("content"), StringComparison.Ordinal);
        Assert.Equal("https://status.example.org/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("#main", page.Body!.FirstElementChild!.GetAttribute("href"));
        Assert.Single(page.QuerySelectorAll("header"));
        Assert.Single(page.QuerySelectorAll("main"));
        Assert.Single(page.QuerySelectorAll("footer time"));
    }

    [Fact]
    public async Task Each_region_heading_links_to_the_region_page()
    {
        var page = Pages.Parse(await Pages.Html.SiteIndexAsync(DemoPages.SiteIndex() with { SiteBaseUrl = new Uri("https://example.org/status/") }));

        Assert.Equal(
            [("bb-potsdam", "/status/regions/bb-potsdam/"), ("bw-tuebingen", "/status/regions/bw-tuebingen/")],
            page.QuerySelectorAll("main section h2").Select(h2 => (Assert.Single(h2.QuerySelectorAll("a")).Text(), h2.QuerySelector("a")!.GetAttribute("href")!)));
    }

    [Fact]
    public async Task Index_without_towns_has_no_region_sections()
    {
        var page = Pages.Parse(await Pages.Html.SiteIndexAsync(new SiteIndexModel([], Pages.Site, Pages.RenderedAt)));

        Assert.Empty(page.QuerySelectorAll("main section, main h2"));
        Assert.Single(page.QuerySelectorAll("h1"));
    }
}
