using Microsoft.Playwright;
using StatusHub.Browser.Tests.Infrastructure;

namespace StatusHub.Browser.Tests;

/// <summary>
/// Issue 4 "Quality budget": readable at 320 px (and 360 px, the most common small phone) without horizontal
/// scrolling, and in print, on every demo town page and the site index.
/// </summary>
public sealed class LayoutTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    /// <summary>Elements whose box reaches past the right edge of the viewport: the culprits of a horizontal scroll.</summary>
    private const string Overflowing = """
        () => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
          .slice(0, 10)
          .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '')
            + ' right=' + Math.round(e.getBoundingClientRect().right) + ' "' + (e.textContent || '').trim().slice(0, 40) + '"')
        """;

    public static TheoryData<string, int> PagesAtSmallWidths()
    {
        var data = new TheoryData<string, int>();
        foreach (var path in DemoPages.TownPagesAndIndexPaths)
        {
            data.Add(path, 320);
            data.Add(path, 360);
        }

        return data;
    }

    public static TheoryData<string> PagesToPrint() => DemoPages.TownPagesAndIndex();

    [Theory]
    [MemberData(nameof(PagesAtSmallWidths))]
    public async Task Page_does_not_scroll_horizontally_on_a_small_phone(string path, int width)
    {
        var page = site.Page;
        await page.SetViewportSizeAsync(width, 640);
        await page.EmulateMediaAsync(new() { Media = Media.Screen, ColorScheme = ColorScheme.Light });
        await site.OpenAsync(path);

        var innerWidth = await page.EvaluateAsync<int>("window.innerWidth");
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.Equal(width, innerWidth);
        if (scrollWidth > innerWidth)
        {
            var culprits = await page.EvaluateAsync<string[]>(Overflowing);
            Assert.Fail($"{path} at {width} px scrolls horizontally: document.documentElement.scrollWidth is {scrollWidth} px, "
                + $"window.innerWidth {innerWidth} px. Elements reaching past the right edge:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", culprits));
        }
    }

    [Theory]
    [MemberData(nameof(PagesToPrint))]
    public async Task Printed_page_still_shows_the_headline(string path)
    {
        var page = site.Page;
        await page.SetViewportSizeAsync(1280, 800);
        await page.EmulateMediaAsync(new() { Media = Media.Print, ColorScheme = ColorScheme.Light });
        try
        {
            await site.OpenAsync(path);
            Assert.True(await page.EvaluateAsync<bool>("matchMedia('print').matches"), "print media is not emulated");

            var headline = page.Locator("h1");
            Assert.Equal(1, await headline.CountAsync());
            Assert.True(await headline.IsVisibleAsync(), $"the headline (h1) of {path} is hidden in print");
            Assert.False(string.IsNullOrWhiteSpace(await headline.InnerTextAsync()), $"the headline (h1) of {path} is empty in print");
            var box = await headline.BoundingBoxAsync();
            Assert.True(box is { Width: > 0, Height: > 0 }, $"the headline (h1) of {path} has no size in print");

            // Visible also means legible: not transparent, not the same colour as the page behind it.
            var style = await headline.EvaluateAsync<string[]>("h => { const s = getComputedStyle(h); return [s.visibility, s.opacity, s.color]; }");
            Assert.Equal("visible", style[0]);
            Assert.NotEqual("0", style[1]);
            Assert.DoesNotContain("rgba(0, 0, 0, 0)", style[2], StringComparison.Ordinal);
        }
        finally
        {
            await page.EmulateMediaAsync(new() { Media = Media.Screen });
        }
    }
}
