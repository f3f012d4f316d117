using System.Text;
using AngleSharp.Dom;
using StatusHub.Core.Documents;
using StatusHub.Core.Rendering;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>Issue 20 item 1: a page for every language the town has a headline in, each declaring its language and direction.</summary>
public class LanguagePagesTests
{
    private static readonly TownRenderer Renderer = new();

    /// <summary>A town writing German, Ukrainian, Arabic and Leichte Sprache; the summary only in German and Ukrainian.</summary>
    private static TownDocument Multilingual() => Pages.Full() with
    {
        Headline = new LocalizedText
        {
            ["de"] = "Cyberangriff: Verwaltung im Notbetrieb",
            ["uk"] = "Кібератака: адміністрація працює в аварійному режимі",
            ["ar"] = "هجوم إلكتروني: الإدارة تعمل في وضع الطوارئ",
            ["de-x-ls"] = "Die Computer im Rathaus sind kaputt.",
        },
        Summary = new LocalizedText
        {
            ["de"] = "Die Verwaltung arbeitet im Notbetrieb.",
            ["uk"] = "Адміністрація працює в аварійному режимі.",
        },
    };

    [Fact]
    public async Task Every_language_with_a_headline_gets_its_own_page_in_a_stable_order()
    {
        var files = await Renderer.RenderAsync(Multilingual());

        Assert.Equal(
            ["musterstadt/index.html", "musterstadt/ar/index.html", "musterstadt/de-x-ls/index.html", "musterstadt/uk/index.html"],
            files.Where(f => f.ContentType.StartsWith("text/html", StringComparison.Ordinal) && !f.Path.Contains("aushang", StringComparison.Ordinal)).Select(f => f.Path));
        Assert.Equal(["de", "ar", "de-x-ls", "uk"], TownSiteRenderer.LanguagesOf(Multilingual()));
    }

    [Fact]
    public void A_language_without_headline_text_gets_no_page()
    {
        var document = Multilingual() with { Headline = new LocalizedText { ["de"] = "Notbetrieb", ["uk"] = " " } };

        Assert.Equal(["de"], TownSiteRenderer.LanguagesOf(document));
    }

    [Theory]
    [InlineData("ar", "rtl")]
    [InlineData("uk", "ltr")]
    [InlineData("de-x-ls", "ltr")]
    [InlineData("de", "ltr")]
    public async Task Each_page_declares_its_language_and_direction_on_html(string language, string direction)
    {
        var page = await Renderer.PageAsync(Multilingual(), language);

        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(direction, page.DocumentElement.GetAttribute("dir"));
        Assert.Equal(Multilingual().Headline[language], page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task The_switch_lists_every_other_language_in_its_own_name_with_hreflang_and_lang()
    {
        var page = await Renderer.PageAsync(Multilingual(), "uk");

        var links = page.QuerySelectorAll("#languages a");
        Assert.Equal(
            [("/musterstadt/", "de", "Deutsch"), ("/musterstadt/ar/", "ar", "العربية"), ("/musterstadt/de-x-ls/", "de-x-ls", "Leichte Sprache")],
            links.Select(a => (a.GetAttribute("href"), a.GetAttribute("hreflang"), a.TextContent)));
        Assert.All(links, a => Assert.Equal(a.GetAttribute("hreflang"), a.GetAttribute("lang")));
        Assert.Equal("rtl", links.Single(a => a.GetAttribute("lang") == "ar").GetAttribute("dir"));

        var alternates = page.QuerySelectorAll("link[rel=alternate][hreflang]").Select(l => (l.GetAttribute("hreflang"), l.GetAttribute("href"))).ToList();
        Assert.Contains(("uk", "https://status.example.org/musterstadt/uk/"), alternates);
        Assert.Contains(("ar", "https://status.example.org/musterstadt/ar/"), alternates);
        Assert.Contains(("de-x-ls", "https://status.example.org/musterstadt/de-x-ls/"), alternates);
        Assert.Contains(("x-default", "https://status.example.org/musterstadt/"), alternates);
    }

    [Fact]
    public async Task Text_the_town_did_not_translate_is_shown_in_the_default_language_and_marked_as_such()
    {
        var page = await Renderer.PageAsync(Multilingual(), "ar");

        var summary = page.QuerySelector("p.summary")!;
        var marked = summary.GetAttribute("lang") is "de" ? summary : summary.QuerySelector("[lang=de]");
        Assert.NotNull(marked);
        Assert.Equal("Die Verwaltung arbeitet im Notbetrieb.", marked!.TextContent.Trim());
        Assert.Equal("ltr", marked.GetAttribute("dir")); // German inside a right-to-left page runs left to right
    }

    private sealed class TownRenderer
    {
        private readonly TownSiteRenderer _renderer = new(Pages.Html);

        public Task<IReadOnlyList<SiteFile>> RenderAsync(TownDocument document) => _renderer.RenderTownAsync(document, Pages.Site, Pages.RenderedAt);

        public async Task<IDocument> PageAsync(TownDocument document, string language)
        {
            var files = await RenderAsync(document);
            var path = SitePaths.TownPage(document.Town.Slug, language, document.Town.DefaultLanguage);
            return Pages.Parse(Encoding.UTF8.GetString(files.Single(f => f.Path == path).Content));
        }
    }
}
