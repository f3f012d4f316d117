using AngleSharp.Dom;
using StatusHub.Core.Rendering.Html;

namespace StatusHub.Core.Tests.Rendering;

public class SafeMarkdownTests
{
    [Fact]
    public void Paragraphs_lists_and_bold_are_rendered()
    {
        var body = Render("Erster Absatz mit **fett**.\n\nZweiter Absatz.\n\n- eins\n- zwei\n\n1. erstens\n2. zweitens");

        Assert.Equal(["Erster Absatz mit fett.", "Zweiter Absatz."], body.QuerySelectorAll("p").Select(p => p.TextContent));
        Assert.Equal("fett", body.QuerySelector("p strong")!.TextContent);
        Assert.Equal(["eins", "zwei"], body.QuerySelectorAll("ul > li").Select(li => li.TextContent));
        Assert.Equal(["erstens", "zweitens"], body.QuerySelectorAll("ol > li").Select(li => li.TextContent));
    }

    [Theory]
    [InlineData("[Website](https://www.moessingen.de/cyberangriff)", "https://www.moessingen.de/cyberangriff")]
    [InlineData("[Website](http://www.moessingen.de)", "http://www.moessingen.de")]
    [InlineData("[Schreiben](mailto:info@moessingen.de)", "mailto:info@moessingen.de")]
    [InlineData("[Anrufen](tel:+4974733700)", "tel:+4974733700")]
    [InlineData("<https://www.moessingen.de>", "https://www.moessingen.de")]
    [InlineData("<info@moessingen.de>", "mailto:info@moessingen.de")]
    [InlineData("[Website][ref]\n\n[ref]: https://www.moessingen.de", "https://www.moessingen.de")]
    public void Links_to_the_web_mail_and_phone_are_kept(string markdown, string href)
    {
        var link = Assert.Single(Render(markdown).QuerySelectorAll("a"));

        Assert.Equal(href, link.GetAttribute("href"));
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))", "click")]
    [InlineData("[click](JaVaScRiPt:alert(1))", "click")]
    [InlineData("[click](javascript&#58;alert(1))", "click")]
    [InlineData("[click](<javascript:alert(1)>)", "click")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "click")]
    [InlineData("[click](vbscript:msgbox(1))", "click")]
    [InlineData("[click](file:///etc/passwd)", "click")]
    [InlineData("[click](/relative/path)", "click")]
    [InlineData("[click](//evil.example/)", "click")]
    [InlineData("[click][ref]\n\n[ref]: javascript:alert(1)", "click")]
    [InlineData("<javascript:alert(1)>", "javascript:alert(1)")]
    [InlineData("<vbscript:msgbox(1)>", "vbscript:msgbox(1)")]
    public void Links_to_other_schemes_become_plain_text(string markdown, string text)
    {
        var body = Render(markdown);

        Assert.Empty(body.QuerySelectorAll("a"));
        Assert.Contains(text, body.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("Text <b onmouseover=alert(1)>fett</b> Text")]
    [InlineData("<div>\n<iframe src=\"https://evil.example\"></iframe>\n</div>")]
    [InlineData("<!-- Kommentar --><style>body{display:none}</style>")]
    public void Raw_html_is_shown_as_text(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);
        var body = Parse(html);

        Assert.Empty(body.QuerySelectorAll("script, img, b, div, iframe, style"));
        Assert.Empty(body.QuerySelectorAll("*").SelectMany(e => e.Attributes));
        Assert.Contains(markdown.Split('\n')[0], body.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("![Plan](https://www.moessingen.de/plan.png)", "Plan")]
    [InlineData("![x](javascript:alert(1))", "x")]
    [InlineData("[![Logo](https://evil.example/track.gif)](https://www.moessingen.de)", "Logo")]
    public void Images_are_never_rendered(string markdown, string alt)
    {
        var body = Render(markdown);

        Assert.Empty(body.QuerySelectorAll("img"));
        Assert.Contains(alt, body.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(".png", body.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(".gif", body.InnerHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("# Überschrift")]
    [InlineData("### Überschrift")]
    [InlineData("Überschrift\n===")]
    public void Headings_become_paragraphs_so_the_page_keeps_its_outline(string markdown)
    {
        var body = Render(markdown);

        Assert.Empty(body.QuerySelectorAll("h1, h2, h3, h4, h5, h6"));
        Assert.Equal("Überschrift", body.QuerySelector("p")!.TextContent);
    }

    [Fact]
    public void Link_labels_and_titles_are_encoded()
    {
        var body = Render("[<b>x</b>](https://example.org \"\\\" onclick=\\\"alert(1)\")");

        var link = Assert.Single(body.QuerySelectorAll("a"));
        Assert.Empty(body.QuerySelectorAll("b"));
        Assert.False(link.HasAttribute("onclick"));
        Assert.Equal("\" onclick=\"alert(1)", link.GetAttribute("title"));
    }

    private static IElement Render(string markdown) => Parse(SafeMarkdown.ToHtml(markdown));

    private static IElement Parse(string html) => Pages.Parse("<!DOCTYPE html><body>" + html).Body!;
}
