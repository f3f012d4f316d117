using System.Text;
using AngleSharp.Html.Parser;
using FsCheck;
using FsCheck.Fluent;
using StatusHub.Core.Documents;
using StatusHub.Core.Rendering;
using StatusHub.Core.Rendering.Html;
using StatusHub.Core.Tests.Rendering;
using StatusHub.Core.Validation;

namespace StatusHub.Core.Tests.Properties;

/// <summary>
/// Issue 20: any set of BCP 47 tags the Validator accepts for a headline renders a page per tag that declares its
/// language and direction, links every other page, marks text and chrome in other languages, and (on a sample
/// checked in one run) is valid HTML.
/// </summary>
public class LanguageTagProperties
{
    private const int Cases = 100;

    /// <summary>How many generated towns the Nu HTML Checker sees: one JVM start for all their pages keeps it cheap.</summary>
    private const int ValidatedTowns = 4;

    private static readonly TownSiteRenderer Renderer = new(Pages.Html);

    /// <summary>
    /// Registered language subtags (a valid BCP 47 tag has only registered subtags, RFC 5646 §2.2.9): every language
    /// ICU has data for, which includes both directions and languages with and without chrome of their own.
    /// </summary>
    private static readonly string[] RegisteredLanguages = System.Globalization.CultureInfo.GetCultures(System.Globalization.CultureTypes.NeutralCultures)
        .Select(culture => culture.Name)
        .Where(name => name.Length is 2 or 3)
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Languages of both directions, with and without chrome of their own; any script, region, private use and case.</summary>
    private static Gen<string> Tag =>
        from language in Gen.OneOf(Gen.Elements("de", "en", "uk", "ru", "tr", "ar", "fa", "he", "de"), Gen.Elements(RegisteredLanguages))
        from script in Gen.Elements("", "-Latn", "-cyrl", "-Arab", "-HEBR")
        from region in Gen.Elements("", "-DE", "-ua", "-SA", "-419", "-IR")
        from privateUse in Gen.Elements("", "", "-x-ls", "-X-Easy")
        select language + script + region + privateUse;

    /// <summary>The headline's languages after the Validator: canonical case, no duplicates, no reserved page names.</summary>
    private static Gen<IReadOnlyList<string>> TagSets =>
        from tags in Gen.Choose(0, 5).SelectMany(count => Gen.ArrayOf(Tag, count))
        let accepted = Accepted(tags)
        where accepted is not null
        select accepted;

    [Fact]
    public void Any_set_of_tags_renders_pages_that_declare_and_link_every_language()
    {
        var property = Prop.ForAll(TagSets.ToArbitrary(), tags =>
        {
            var problem = Problem(tags);
            return (problem is null).Label($"{problem} for [{string.Join(", ", tags)}]");
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
    }

    [Fact]
    public async Task Generated_sets_of_tags_render_valid_html()
    {
        var pages = new Dictionary<string, string>();
        var towns = TagSets.Where(tags => tags.Count > 1).Sample(ValidatedTowns, 30);
        for (var town = 0; town < towns.Length; town++)
        {
            foreach (var file in await RenderAsync(towns[town]))
            {
                pages[$"town{town}-{file.Path.Replace('/', '_')}"] = Encoding.UTF8.GetString(file.Content);
            }
        }

        await HtmlValidationTests.AssertValidAsync(pages);
    }

    /// <summary>The tags as a headline the Validator accepts, in the order it stores them, with German as the default; null when it refuses them.</summary>
    private static IReadOnlyList<string>? Accepted(IEnumerable<string> tags)
    {
        var headline = new Dictionary<string, string?> { ["de"] = "Notbetrieb" };
        foreach (var tag in tags)
        {
            headline[tag] = $"Headline {tag}";
        }

        try
        {
            return Validator.Status(new StatusRequest("emergency", headline, null, null, null), "de", TestSupport.Now).Headline.Keys.ToList();
        }
        catch (ValidationFailedException)
        {
            return null;
        }
    }

    private static TownDocument Document(IReadOnlyList<string> tags) => Pages.Full() with
    {
        Headline = new(tags.Select(tag => KeyValuePair.Create(tag, tag == "de" ? "Notbetrieb" : $"Headline {tag}"))),
    };

    /// <summary>The town's HTML pages (one per language and the notice).</summary>
    private static async Task<IReadOnlyList<SiteFile>> RenderAsync(IReadOnlyList<string> tags) =>
        (await Renderer.RenderTownAsync(Document(tags), Pages.Site, Pages.RenderedAt))
            .Where(file => file.ContentType.StartsWith("text/html", StringComparison.Ordinal))
            .ToList();

    /// <summary>Null when every page of the town is sound, else what is wrong.</summary>
    private static string? Problem(IReadOnlyList<string> tags)
    {
        var document = Document(tags);
        var languages = TownSiteRenderer.LanguagesOf(document);
        if (!languages.Order(StringComparer.Ordinal).SequenceEqual(tags.Order(StringComparer.Ordinal)))
        {
            return $"pages for [{string.Join(", ", languages)}]";
        }

        var files = RenderAsync(tags).GetAwaiter().GetResult();
        foreach (var language in languages)
        {
            var path = SitePaths.TownPage(document.Town.Slug, language, document.Town.DefaultLanguage);
            var file = files.SingleOrDefault(f => f.Path == path);
            if (file is null)
            {
                return $"no page {path}";
            }

            var page = new HtmlParser().ParseDocument(Encoding.UTF8.GetString(file.Content));
            var html = page.DocumentElement;
            if (html.GetAttribute("lang") != language || html.GetAttribute("dir") != Languages.Direction(language))
            {
                return $"{path}: <html lang={html.GetAttribute("lang")} dir={html.GetAttribute("dir")}>";
            }

            var switched = page.QuerySelectorAll("#languages a").Select(a => (a.GetAttribute("hreflang"), a.GetAttribute("lang"))).ToList();
            var others = languages.Where(other => other != language).Select(other => ((string?)other, (string?)other)).ToList();
            if (!switched.SequenceEqual(others))
            {
                return $"{path}: switch lists [{string.Join(", ", switched)}]";
            }

            var alternates = page.QuerySelectorAll("link[rel=alternate][hreflang]").Select(l => l.GetAttribute("hreflang")).ToList();
            if (!alternates.SequenceEqual(languages.Append("x-default")))
            {
                return $"{path}: alternates [{string.Join(", ", alternates)}]";
            }

            // Every lang on the page names the page's own language, another page's, or the chrome's; "en" only if the chrome fell back to it.
            var chrome = Labels.For(language).Language;
            var stray = page.QuerySelectorAll("[lang]").Select(e => e.GetAttribute("lang")!).FirstOrDefault(lang => !languages.Contains(lang) && lang != chrome);
            if (stray is not null)
            {
                return $"{path}: lang={stray}";
            }

            var heading = page.QuerySelector("#services h2");
            if (heading?.TextContent != Labels.For(language).ServicesHeading)
            {
                return $"{path}: services heading '{heading?.TextContent}'";
            }
        }

        return null;
    }
}
