using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StatusHub.Browser.Tests.Infrastructure;

namespace StatusHub.Browser.Tests;

/// <summary>
/// Issue 20: the demo town's pages in Ukrainian, Arabic and Leichte Sprache. Axe and the small-phone layout run on
/// them with every other demo page (AccessibilityTests, LayoutTests read <see cref="DemoPages.TownPages"/>); here: the
/// Arabic page runs right to left, speaks no German chrome, and fits 320 px.
/// </summary>
public sealed partial class LanguagePageTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    /// <summary>The page's visible text in the page's own language: text inside an element marked with another lang (the town's untranslated text) is left out.</summary>
    private const string TextInPageLanguage = """
        () => {
          const lang = document.documentElement.lang;
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          const parts = [];
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const element = node.parentElement;
            if (element.closest('[lang]').getAttribute('lang') === lang && element.checkVisibility()) parts.push(node.textContent);
          }
          return parts.join(' ');
        }
        """;

    [Fact]
    public void The_demo_has_a_town_in_ukrainian_arabic_and_leichte_sprache() =>
        Assert.Superset(new HashSet<string> { "uk", "ar", "de-x-ls" }, DemoPages.FurtherLanguagePages.Keys.ToHashSet());

    [Theory]
    [InlineData("uk", "ltr")]
    [InlineData("ar", "rtl")]
    [InlineData("de-x-ls", "ltr")]
    public async Task The_page_declares_its_language_and_direction_on_html(string language, string direction)
    {
        await site.OpenAsync(DemoPages.FurtherLanguagePages[language]);

        var html = site.Page.Locator("html");
        Assert.Equal((language, direction), (await html.GetAttributeAsync("lang"), await html.GetAttributeAsync("dir")));
        Assert.Equal(direction, await site.Page.EvaluateAsync<string>("getComputedStyle(document.querySelector('main')).direction"));
    }

    [Fact]
    public async Task The_arabic_page_has_no_german_chrome()
    {
        await site.Page.SetViewportSizeAsync(1280, 800);
        await site.OpenAsync(DemoPages.FurtherLanguagePages["ar"]);
        await site.Page.EvaluateAsync("document.querySelectorAll('details').forEach(d => d.open = true)");

        var text = await site.Page.EvaluateAsync<string>(TextInPageLanguage);

        Assert.Contains("عمل محدود", text, StringComparison.Ordinal); // the level word: the test reads the page's own text at all
        var german = GermanChrome().Where(words => text.Contains(words, StringComparison.Ordinal)).ToList();
        Assert.True(german.Count == 0, $"German chrome on the Arabic page: {string.Join(" | ", german)}");
    }

    [Fact]
    public async Task The_arabic_page_does_not_scroll_sideways_at_320_px()
    {
        var page = site.Page;
        await page.SetViewportSizeAsync(320, 640);
        await site.OpenAsync(DemoPages.FurtherLanguagePages["ar"]);

        Assert.Equal(320, await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.Equal(320, await page.EvaluateAsync<int>("document.documentElement.scrollWidth"));
        // Right to left, content that overflows would do so to the left, which scrollWidth does not show: check the boxes.
        Assert.Equal(0, await page.EvaluateAsync<int>("[...document.querySelectorAll('body *')].filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < -0.5 || r.right > window.innerWidth + 0.5); }).length"));
    }

    /// <summary>Every German label (src/StatusHub.Core/Localization/de.json) in pieces of at least four characters, cut at its placeholders.</summary>
    private static IEnumerable<string> GermanChrome()
    {
        var file = Path.Combine(DemoPages.RepositoryRootFolder, "src", "StatusHub.Core", "Localization", "de.json");
        var root = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        return root.Where(entry => entry.Key is not ("culture" or "dayFormat"))
            .SelectMany(entry => entry.Value is JsonObject inner ? inner.Select(pair => pair.Value!.GetValue<string>()) : [entry.Value!.GetValue<string>()])
            .SelectMany(value => Placeholder().Split(value))
            .Select(piece => piece.Trim(' ', ',', '.', ':'))
            .Where(piece => piece.Length >= 4)
            .Distinct(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
