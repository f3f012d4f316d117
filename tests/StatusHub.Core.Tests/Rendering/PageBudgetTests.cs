using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using StatusHub.Core.Rendering.Html;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>The quality budget of every page: small, self-contained, accessible structure, readable on a phone and on paper, in light and dark.</summary>
public partial class PageBudgetTests
{
    public static TheoryData<string, string> DemoTownPages()
    {
        var data = new TheoryData<string, string>();
        foreach (var slug in DemoPages.Slugs())
        {
            foreach (var language in DemoTowns.Languages(DemoTowns.Load(slug)))
            {
                data.Add(slug, language);
            }
        }

        return data;
    }

    public static TheoryData<string> DemoRegions() => new(DemoPages.Slugs().Select(slug => DemoTowns.Load(slug).Town.Region).Distinct().Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("de")]
    [InlineData("en")]
    public async Task Moessingen_page_is_at_most_14_KB_gzipped(string language)
    {
        var html = await Pages.Html.TownPageAsync(DemoPages.Model(DemoPages.Moessingen(), language));

        Assert.InRange(GzippedLength(html), 1024, 14 * 1024);
    }

    [Fact]
    public async Task Demo_region_page_is_at_most_14_KB_gzipped()
    {
        var html = await Pages.Html.RegionPageAsync(DemoPages.Region("bw-tuebingen"));

        Assert.InRange(GzippedLength(html), 1024, 14 * 1024);
    }

    [Theory]
    [MemberData(nameof(DemoTownPages))]
    public async Task Demo_page_requests_nothing_from_anywhere(string slug, string language)
    {
        AssertRequestsNothing(await RenderDemo(slug, language));
    }

    [Theory]
    [MemberData(nameof(DemoRegions))]
    public async Task Demo_region_page_requests_nothing_from_anywhere(string region)
    {
        var page = await RenderRegion(region);

        AssertRequestsNothing(page);
        Assert.Empty(page.QuerySelectorAll("script"));
    }

    [Theory]
    [MemberData(nameof(DemoTownPages))]
    public async Task Demo_page_has_landmarks_one_h1_and_headings_in_order(string slug, string language)
    {
        AssertLandmarksAndHeadings(await RenderDemo(slug, language), language);
    }

    [Theory]
    [MemberData(nameof(DemoRegions))]
    public async Task Demo_region_page_has_landmarks_one_h1_and_headings_in_order(string region)
    {
        var page = await RenderRegion(region);

        AssertLandmarksAndHeadings(page, "de");
        Assert.Equal(["overview", "towns", "matrix", "gaps", "map", "feeds"], page.QuerySelectorAll("main > section").Select(s => s.Id!));
    }

    [Theory]
    [MemberData(nameof(DemoTownPages))]
    public async Task Demo_page_starts_with_a_skip_link_and_every_link_says_where_it_goes(string slug, string language)
    {
        var page = await RenderDemo(slug, language);

        AssertSkipLinkAndLinkTexts(page);
        Assert.All(page.QuerySelectorAll("svg"), svg => Assert.Equal("true", svg.GetAttribute("aria-hidden")));
    }

    [Theory]
    [MemberData(nameof(DemoRegions))]
    public async Task Demo_region_page_starts_with_a_skip_link_and_every_link_says_where_it_goes(string region)
    {
        var page = await RenderRegion(region);

        AssertSkipLinkAndLinkTexts(page);
        var map = Assert.Single(page.QuerySelectorAll("svg:not([aria-hidden=true])"));
        Assert.Equal("img", map.GetAttribute("role"));
        Assert.False(string.IsNullOrWhiteSpace(map.GetAttribute("aria-labelledby")));
        Assert.All(page.QuerySelectorAll("[tabindex]"), element => Assert.Equal("0", element.GetAttribute("tabindex")));
        Assert.All(page.QuerySelectorAll("[role=region]"), element => Assert.False(string.IsNullOrWhiteSpace(element.GetAttribute("aria-label"))));
    }

    private static void AssertRequestsNothing(IDocument page)
    {
        Assert.Empty(page.QuerySelectorAll("[src], img, picture, video, audio, iframe, object, embed, link[rel=stylesheet], link[rel=preload], link[rel=manifest]"));
        Assert.Empty(page.QuerySelectorAll("script:not([type='application/ld+json'])"));

        // The one request a page may cause is the site's own favicon (same origin, img-src 'self'), so that no browser asks
        // for a /favicon.ico that is not there.
        var icon = Assert.Single(page.QuerySelectorAll("link[rel~=icon]"));
        Assert.Equal("/favicon.svg", icon.GetAttribute("href"));
        Assert.Equal(["icon", "canonical", "alternate"], page.QuerySelectorAll("link").Select(l => l.GetAttribute("rel")!).Distinct().OrderBy(r => r == "icon" ? 0 : r == "canonical" ? 1 : 2));
        Assert.DoesNotMatch("(?i)@import|url\\(|@font-face", PageStyle.Css);
        Assert.StartsWith("default-src 'none';", page.QuerySelector("meta[http-equiv=Content-Security-Policy]")!.GetAttribute("content"), StringComparison.Ordinal);
    }

    private static void AssertLandmarksAndHeadings(IDocument page, string language)
    {
        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.Single(page.QuerySelectorAll("header"));
        Assert.Single(page.QuerySelectorAll("main"));
        Assert.Single(page.QuerySelectorAll("footer"));
        Assert.Empty(page.QuerySelectorAll("main header, main footer, header main, footer main"));
        Assert.Single(page.QuerySelectorAll("h1"));
        var levels = page.QuerySelectorAll("h1, h2, h3, h4, h5, h6").Select(h => h.LocalName[1] - '0').ToList();
        Assert.Equal(1, levels[0]);
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"h{pair.First} followed by h{pair.Second}"));
        Assert.Equal(levels.Count, page.QuerySelectorAll("h1, h2, h3").Count(h => h.Text().Length > 0));
    }

    private static void AssertSkipLinkAndLinkTexts(IDocument page)
    {
        var first = page.Body!.QuerySelector("a")!;
        Assert.Equal("#main", first.GetAttribute("href"));
        Assert.Same(page.Body.FirstElementChild, first);
        Assert.NotNull(page.GetElementById("main"));
        Assert.Equal("main", page.GetElementById("main")!.LocalName);
        Assert.All(page.QuerySelectorAll("a"), link => Assert.True(link.Text().Length >= 2, link.OuterHtml));
        Assert.All(page.QuerySelectorAll("a"), link => Assert.DoesNotMatch("(?i)^(hier|here|mehr|more|link|klicken|click)$", link.Text()));
        Assert.All(page.QuerySelectorAll("li"), item => Assert.Contains(item.ParentElement!.LocalName, new[] { "ul", "ol" }));
        Assert.All(page.QuerySelectorAll("nav"), nav => Assert.False(string.IsNullOrWhiteSpace(nav.GetAttribute("aria-label"))));
    }

    [Fact]
    public void Stylesheet_covers_phone_print_dark_mode_and_focus()
    {
        var css = PageStyle.Css;

        Assert.Contains("overflow-wrap:anywhere", css, StringComparison.Ordinal);
        Assert.Contains("max-width:46rem", css, StringComparison.Ordinal);
        Assert.Contains("@media (prefers-color-scheme:dark)", css, StringComparison.Ordinal);
        Assert.Contains(":focus-visible{outline:3px solid", css, StringComparison.Ordinal);
        Assert.Contains("system-ui", css, StringComparison.Ordinal);
        var print = css[css.IndexOf("@media print", StringComparison.Ordinal)..];
        Assert.Contains("header nav,.skip,#print,#embed{display:none}", print, StringComparison.Ordinal);
        Assert.Contains("::after{content:\" (\" attr(href) \")\"}", print, StringComparison.Ordinal);
        Assert.Contains(Palette.Print.CustomProperties(), print, StringComparison.Ordinal);
        Assert.DoesNotMatch("(?:min-)?width:\\s*\\d{3,}px", css);
    }

    [Fact]
    public void Stylesheet_takes_every_colour_from_the_palettes()
    {
        var declared = new[] { Palette.Light, Palette.Dark, Palette.Print }.Select(p => p.CustomProperties()).ToList();
        var rules = declared.Aggregate(PageStyle.Css, (css, properties) => css.Replace(properties, string.Empty, StringComparison.Ordinal));

        Assert.DoesNotMatch("#[0-9a-fA-F]{3,8}\\b|rgba?\\(|hsla?\\(|(?<![-\\w])(?:black|white|red|green|blue|gray|grey)(?![-\\w])", rules);
        var defined = VariableDefinition().Matches(PageStyle.Css).Select(m => m.Groups[1].Value).ToHashSet();
        var used = VariableUse().Matches(PageStyle.Css).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Subset(defined, used);
    }

    [GeneratedRegex("--([a-z-]+):")]
    private static partial Regex VariableDefinition();

    [GeneratedRegex("var\\(--([a-z-]+)\\)")]
    private static partial Regex VariableUse();

    internal static long GzippedLength(string html)
    {
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(html));
        }

        return gzipped.Length;
    }

    private static async Task<IDocument> RenderRegion(string region) => Pages.Parse(await Pages.Html.RegionPageAsync(DemoPages.Region(region)));

    private static async Task<IDocument> RenderDemo(string slug, string language)
    {
        var document = slug == "moessingen" ? DemoPages.Moessingen() : DemoTowns.Load(slug);
        return await Pages.RenderAsync(DemoPages.Model(document, language));
    }
}
