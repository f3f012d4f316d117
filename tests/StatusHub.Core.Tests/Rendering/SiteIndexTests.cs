using StatusHub.Core.Rendering;
using StatusHub.Core.Rendering.Html;

namespace StatusHub.Core.Tests.Rendering;

public class SiteIndexTests
{
    [Fact]
    public async Task Towns_not_in_normal_operation_come_first_the_worst_first_then_by_name()
    {
        var page = Pages.Parse(await Pages.Html.SiteIndexAsync(DemoPages.SiteIndex()));

        var affected = page.QuerySelector("main #affected")!;
        Assert.Equal("Nicht im Normalbetrieb", affected.QuerySelector("h2")!.Text());
        Assert.Equal(["Mössingen", "Bodelshausen", "Potsdam"], affected.QuerySelectorAll("li a").Select(a => a.Text()));
        Assert.Equal(["bw-tuebingen", "bw-tuebingen", "bb-potsdam"], affected.QuerySelectorAll("li .rg").Select(span => span.Text()));
        var all = page.All.ToList();
        Assert.True(all.IndexOf(affected) < all.IndexOf(page.QuerySelector("main #regions")!));
    }

    [Fact]
    public async Task Regions_are_listed_by_name_with_their_counts_and_link_to_their_pages()
    {
        var model = DemoPages.SiteIndex() with
        {
            SiteBaseUrl = new Uri("https://example.org/status/"),
            RegionNames = new Dictionary<string, string> { ["bw-tuebingen"] = "Landkreis Tübingen" },
        };

        var page = Pages.Parse(await Pages.Html.SiteIndexAsync(model));

        var regions = page.QuerySelectorAll("main #regions li");
        Assert.Equal(
            [
                ("bb-potsdam", "/status/regions/bb-potsdam/", "bb-potsdam 3 Orte, davon 1 nicht im Normalbetrieb"),
                ("Landkreis Tübingen", "/status/regions/bw-tuebingen/", "Landkreis Tübingen 4 Orte, davon 2 nicht im Normalbetrieb"),
            ],
            regions.Select(li => (li.QuerySelector("a")!.Text(), li.QuerySelector("a")!.GetAttribute("href")!, li.Text())));
        Assert.Equal("Landkreis Tübingen", page.QuerySelector("#affected li .rg")!.Text());
    }

    [Fact]
    public async Task Each_affected_town_has_a_link_a_level_badge_and_its_as_of_time_and_normal_towns_are_only_counted()
    {
        var model = new SiteIndexModel(
            [
                new SiteIndexTown("moessingen", "Mössingen", "bw-tuebingen", TownLevel.Emergency, Pages.AsOf),
                new SiteIndexTown("neustadt", "Neustadt", "bw-tuebingen", TownLevel.Normal, null),
                new SiteIndexTown("altdorf", "Altdorf", "bw-tuebingen", TownLevel.Disrupted, null),
            ],
            Pages.Site,
            Pages.RenderedAt);

        var page = Pages.Parse(await Pages.Html.SiteIndexAsync(model));

        var towns = page.QuerySelectorAll("#affected li");
        Assert.Equal("/moessingen/", towns[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Notbetrieb", towns[0].QuerySelector(".badge")!.Text());
        Assert.Equal("true", towns[0].QuerySelector(".badge svg")!.GetAttribute("aria-hidden"));
        Assert.Equal("2023-11-23T09:00:00+01:00", towns[0].QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("Mössingen Notbetrieb Stand: Donnerstag, 23. November 2023, 09:00 Uhr bw-tuebingen", towns[0].TextContent);
        Assert.Equal("Altdorf Eingeschränkt bw-tuebingen", towns[1].TextContent);
        Assert.Null(towns[1].QuerySelector("time"));
        Assert.Equal(2, towns.Length);
        Assert.DoesNotContain("Neustadt", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("bw-tuebingen 3 Orte, davon 2 nicht im Normalbetrieb", page.QuerySelector("#regions li")!.Text());
    }

    /// <summary>Issue 19 item 5: 10,000 towns in 100 regions, 70 of them hit (as in Südwestfalen 2023), on one page within the budget.</summary>
    [Theory]
    [InlineData(70)]
    [InlineData(10_000)]
    public async Task Index_of_10000_towns_in_100_regions_stays_within_the_page_budget(int affected)
    {
        var levels = new[] { TownLevel.Disrupted, TownLevel.Emergency, TownLevel.Offline };
        var towns = Enumerable.Range(0, 10_000)
            .Select(i => new SiteIndexTown(
                $"gemeinde-{i:00000}",
                $"Gemeinde Nummer {i:00000} am Oberlauf",
                $"region-{i % 100:000}",
                i < affected ? levels[i % 3] : TownLevel.Normal,
                Pages.AsOf.AddMinutes(-i)))
            .ToList();
        var names = Enumerable.Range(0, 100).ToDictionary(r => $"region-{r:000}", r => $"Landkreis Musterregion {r:000}");

        var html = await Pages.Html.SiteIndexAsync(new SiteIndexModel(towns, Pages.Site, Pages.RenderedAt) { RegionNames = names });

        Assert.InRange(PageBudgetTests.GzippedLength(html), 1024, 14 * 1024);
        var page = Pages.Parse(html);
        Assert.Equal(100, page.QuerySelectorAll("#regions li a").Length);
        Assert.Equal(names.Values.Order(StringComparer.Ordinal), page.QuerySelectorAll("#regions li a").Select(a => a.Text()));
        Assert.Equal(Math.Min(affected, SiteIndexView.MaxAffectedTowns), page.QuerySelectorAll("#affected li").Length);
        Assert.All(page.QuerySelectorAll("#affected li .badge"), badge => Assert.NotEqual("Normalbetrieb", badge.Text()));
        var more = page.QuerySelector("#affected > p");
        if (affected > SiteIndexView.MaxAffectedTowns)
        {
            Assert.Equal($"{affected - SiteIndexView.MaxAffectedTowns} weitere Orte arbeiten nicht normal. Sie stehen auf den Seiten ihrer Region.", more!.Text());
            Assert.Equal("Verwaltung nicht erreichbar", page.QuerySelector("#affected li .badge")!.Text());
        }
        else
        {
            Assert.Null(more);
        }
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
    public async Task Index_without_towns_has_no_region_sections()
    {
        var page = Pages.Parse(await Pages.Html.SiteIndexAsync(new SiteIndexModel([], Pages.Site, Pages.RenderedAt)));

        Assert.Empty(page.QuerySelectorAll("main section, main h2"));
        Assert.Single(page.QuerySelectorAll("h1"));
    }
}
