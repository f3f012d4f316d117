using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using FsCheck;
using FsCheck.Fluent;
using StatusHub.Core.Documents;
using StatusHub.Core.Rendering;
using StatusHub.Core.Tests.Rendering;
using StatusHub.Core.Validation;

namespace StatusHub.Core.Tests.Properties;

/// <summary>
/// Any text the Validator accepts renders to a page AngleSharp parses, with exactly one script (the JSON-LD, valid JSON)
/// and no on* attribute, and to an Atom feed that parses as XML.
/// </summary>
public class RenderingProperties
{
    private const int Cases = 100;

    private static readonly Uri FeedSite = new("https://example.org/");

    private sealed record Texts(string Headline, string Summary, string Note, string Question, string Answer, string Update);

    private static Gen<Texts> ValidTexts =>
        from headline in HostileStrings.Valid("Headline", t => Validator.Status(new StatusRequest("normal", t, null, null, null), "de", TestSupport.Now).Headline)
        from summary in HostileStrings.Valid("Summary", t => Validator.Status(new StatusRequest("normal", TestSupport.De("x"), t, null, null), "de", TestSupport.Now).Summary)
        from note in HostileStrings.Valid("Note", t => Validator.Service("phone", new ServiceRequest("limited", t, null), "de").Note)
        from question in HostileStrings.Valid("Question", t => Validator.Qa(new QaRequest([new QaItemRequest("q1", t, TestSupport.De("a"))]), "de")[0].Question)
        from answer in HostileStrings.Valid("Answer", t => Validator.Qa(new QaRequest([new QaItemRequest("q1", TestSupport.De("q"), t)]), "de")[0].Answer)
        from update in HostileStrings.Valid("Update", t => Validator.Update(new UpdateRequest(t, null), "de", TestSupport.Now).Text)
        select new Texts(headline, summary, note, question, answer, update);

    private static TownDocument Document(Texts t) => Pages.Minimal() with
    {
        Headline = Pages.De(t.Headline),
        Summary = Pages.De(t.Summary),
        Services = [Pages.Service("phone", ServiceState.Limited, Pages.De(t.Note))],
        Qa = [new QaItem("q1", Pages.De(t.Question), Pages.De(t.Answer))],
        Updates = [new TimelineUpdate("u1", Pages.De(t.Update), Pages.AsOf)],
    };

    /// <summary>Null when the page and the feed are sound, else what is wrong.</summary>
    private static string? Problem(TownDocument document)
    {
        // One shared renderer (Pages.Html) for every case; the property runs synchronously.
        var html = Pages.Html.TownPageAsync(Pages.Model(document, "de", ["de"])).GetAwaiter().GetResult();
        var page = new HtmlParser().ParseDocument(html);

        var scripts = page.QuerySelectorAll("script");
        if (scripts.Length != 1)
        {
            return $"{scripts.Length} script elements";
        }

        if (scripts[0].GetAttribute("type") != "application/ld+json")
        {
            return $"script type {scripts[0].GetAttribute("type")}";
        }

        try
        {
            using var _ = JsonDocument.Parse(scripts[0].TextContent);
        }
        catch (JsonException e)
        {
            return $"JSON-LD does not parse: {e.Message}";
        }

        var handler = page.All.SelectMany(element => element.Attributes.Select(a => (element.LocalName, a.Name)))
            .FirstOrDefault(pair => pair.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        if (handler != default)
        {
            return $"<{handler.LocalName}> has attribute {handler.Name}";
        }

        var feed = AtomFeeds.Town(document, FeedSite, DateTimeOffset.UtcNow);
        try
        {
            XDocument.Parse(Encoding.UTF8.GetString(feed.Content).TrimStart('\uFEFF'));
        }
        catch (System.Xml.XmlException e)
        {
            return $"Atom feed does not parse: {e.Message}";
        }

        return null;
    }

    [Fact]
    public void Valid_text_renders_to_a_sound_page_and_feed()
    {
        var property = Prop.ForAll(ValidTexts.ToArbitrary(), texts =>
        {
            var problem = Problem(Document(texts));
            return (problem is null).Label($"{problem} for {texts with
            {
                Headline = HostileStrings.Show(texts.Headline),
                Summary = HostileStrings.Show(texts.Summary),
                Note = HostileStrings.Show(texts.Note),
                Question = HostileStrings.Show(texts.Question),
                Answer = HostileStrings.Show(texts.Answer),
                Update = HostileStrings.Show(texts.Update)
            }}");
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
    }
}
