using StatusHub.Core.Rendering.Html;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>The Markdown subset as plain text (feeds): the words and the link targets, none of the syntax.</summary>
public class SafeMarkdownPlainTextTests
{
    [Theory]
    [InlineData("Mit **fett** und *kursiv*.", "Mit fett und kursiv.")]
    [InlineData("[Website](https://www.moessingen.de/cyberangriff)", "Website (https://www.moessingen.de/cyberangriff)")]
    [InlineData("[https://www.moessingen.de](https://www.moessingen.de)", "https://www.moessingen.de")]
    [InlineData("[Schreiben](mailto:info@moessingen.de)", "Schreiben (info@moessingen.de)")]
    [InlineData("<https://www.moessingen.de>", "https://www.moessingen.de")]
    [InlineData("[Website][ref]\n\n[ref]: https://www.moessingen.de", "Website (https://www.moessingen.de)")]
    [InlineData("[click](javascript:alert(1))", "click")]
    [InlineData("Eins\n\nZwei\n\n\n\nDrei", "Eins\n\nZwei\n\nDrei")]
    [InlineData("1. erstens\n2. **zweitens**", "1. erstens\n2. zweitens")]
    [InlineData("3) drei\n4) vier", "3) drei\n4) vier")]
    [InlineData("<b>roh</b> & <i>html</i>", "<b>roh</b> & <i>html</i>")]
    [InlineData("", "")]
    public void Markdown_reads_as_plain_text(string markdown, string expected) =>
        Assert.Equal(expected, SafeMarkdown.ToPlainText(markdown));
}
