namespace StatusHub.Core.Tests.Rendering;

/// <summary>Issue 19 item 3: the footer of every town page offers webmasters the badge with a link, as text to copy.</summary>
public class TownPageEmbedTests
{
    [Fact]
    public async Task Footer_shows_the_badge_snippet_with_absolute_urls_as_text()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full()));

        var embed = page.QuerySelector("footer details#embed")!;
        Assert.Equal("Für Webseiten: diesen Status zeigen", embed.QuerySelector("summary")!.Text());
        Assert.Equal(
            "<a href=\"https://status.example.org/musterstadt/\"><img src=\"https://status.example.org/musterstadt/badge.svg\" alt=\"Musterstadt: aktueller Status der Verwaltung\"></a>",
            embed.QuerySelector("pre code")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("footer img, footer details a"));
    }

    [Fact]
    public async Task English_page_offers_the_same_link_to_the_default_page_with_an_english_alt()
    {
        var page = await Pages.RenderAsync(Pages.Model(Pages.Full(), "en"));

        Assert.Equal(
            "<a href=\"https://status.example.org/musterstadt/\"><img src=\"https://status.example.org/musterstadt/badge.svg\" alt=\"Musterstadt: current status of the administration\"></a>",
            page.QuerySelector("#embed code")!.TextContent);
    }

    [Fact]
    public async Task A_town_name_with_markup_cannot_break_out_of_the_webmasters_alt_attribute()
    {
        var document = Pages.Full() with { Town = Pages.Full().Town with { Name = "Ort\"><script>alert(1)</script>" } };

        var page = await Pages.RenderAsync(Pages.Model(document));

        var snippet = page.QuerySelector("#embed code")!.TextContent;
        Assert.Contains("alt=\"Ort&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;: aktueller Status der Verwaltung\"", snippet, StringComparison.Ordinal);
        var pasted = Pages.Parse(snippet);
        Assert.Empty(pasted.QuerySelectorAll("script"));
        Assert.Equal("Ort\"><script>alert(1)</script>: aktueller Status der Verwaltung", pasted.QuerySelector("img")!.GetAttribute("alt"));
    }
}
