using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using StatusHub.Core.Documents;

namespace StatusHub.Core.Rendering;

/// <summary>Atom 1.0 feeds (System.ServiceModel.Syndication): the town's current status and its timeline.</summary>
public static class AtomFeeds
{
    /// <summary>Longest entry title; a longer first line is cut at a word (<see cref="Html.TownPageView.Shorten"/>).</summary>
    public const int MaxTitleLength = 120;

    private static readonly XmlQualifiedName XmlLang = new("lang", "http://www.w3.org/XML/1998/namespace");

    /// <summary>
    /// The town feed: per page language (the default first, then every language with a headline) one entry for the current
    /// status (new id whenever asOf changes), and one entry per update and language it has text in. Every entry carries its
    /// language as <c>xml:lang</c> and links the page in that language; the default language keeps the ids it always had.
    /// Text is <c>type="text"</c>: update Markdown becomes plain text (<see cref="Html.SafeMarkdown.ToPlainText"/>).
    /// </summary>
    public static SiteFile Town(TownDocument document, Uri siteBaseUrl, DateTimeOffset renderedAt)
    {
        var town = document.Town;
        var language = town.DefaultLanguage;
        var languages = TownSiteRenderer.LanguagesOf(document);
        Uri Page(string lang) => new(siteBaseUrl, SitePaths.TownPageUrl(town.Slug, languages.Contains(lang) ? lang : language, language));
        string Suffix(string lang) => lang == language ? "" : $"-{lang}";
        var page = Page(language);
        var feed = new SyndicationFeed(
            XmlSafe($"{town.Name}: Status"),
            XmlSafe(Pick(document.Headline, language) ?? town.Name),
            page,
            new Uri(siteBaseUrl, SitePaths.TownFeed(town.Slug)).AbsoluteUri,
            Latest(document, renderedAt))
        {
            Language = language,
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(new Uri(siteBaseUrl, SitePaths.TownFeed(town.Slug)), SiteFile.Atom));
        feed.Authors.Add(Author(town, page));

        var entries = new List<SyndicationItem>();
        if (document.AsOf is { } asOf)
        {
            foreach (var lang in languages)
            {
                // Every text of the entry in its own language (the level word from that language's labels): a summary
                // the town did not translate is left out rather than shown under the wrong xml:lang.
                var headline = document.Headline.In(lang) ?? Pick(document.Headline, language);
                var title = $"{Html.Labels.For(lang).Levels[document.Level]}: {headline}";
                var summary = document.Summary.In(lang);
                var entryPage = Page(lang);
                entries.Add(Entry(Html.TownPageView.Shorten(title, MaxTitleLength), summary ?? "", entryPage, $"{page.AbsoluteUri}#status-{asOf.UtcTicks}{Suffix(lang)}", asOf, lang));
            }
        }

        foreach (var update in document.Updates)
        {
            foreach (var (lang, markdown) in UpdateLanguages(update.Text, language))
            {
                var text = Html.SafeMarkdown.ToPlainText(markdown);
                entries.Add(Entry(Title(text), text, Page(lang), $"{page.AbsoluteUri}#update-{update.Id}{Suffix(lang)}", update.At, lang));
            }
        }

        entries.AddRange(document.Incidents.SelectMany(incident => IncidentEntries(incident, siteBaseUrl, language)));
        feed.Items = entries;
        return new SiteFile(SitePaths.TownFeed(town.Slug), SiteFile.Atom, SiteFile.ShortCache, Write(feed));
    }

    /// <summary>An entry title from plain text: its first line, cut at a word to <see cref="MaxTitleLength"/> characters.</summary>
    public static string Title(string plainText) =>
        Html.TownPageView.Shorten(plainText.Split('\n', 2)[0].Trim(), MaxTitleLength);

    /// <summary>The town as the feed's author (RFC 4287 §4.1.1: its entries have none): its website, else its status page.</summary>
    private static SyndicationPerson Author(TownReference town, Uri page) =>
        new() { Name = XmlSafe(town.Name), Uri = town.Website ?? page.AbsoluteUri };

    private static SyndicationItem Entry(string title, string content, Uri link, string id, DateTimeOffset at, string language)
    {
        var item = new SyndicationItem(XmlSafe(title), XmlSafe(content), link, id, at) { PublishDate = at };
        item.AttributeExtensions.Add(XmlLang, language);
        return item;
    }

    /// <summary>The default language first, then the others by tag, so the feed's order does not follow the order the town wrote in.</summary>
    private static IEnumerable<(string Language, string Text)> UpdateLanguages(LocalizedText text, string defaultLanguage) =>
        text.Where(entry => !string.IsNullOrWhiteSpace(entry.Value))
            .OrderBy(entry => entry.Key == defaultLanguage ? 0 : 1)
            .ThenBy(entry => entry.Key, StringComparer.Ordinal)
            .Select(entry => (entry.Key, entry.Value));

    /// <summary>Serializes a feed as UTF-8 Atom 1.0.</summary>
    public static byte[] Write(SyndicationFeed feed)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CheckCharacters = true };
        using (var writer = XmlWriter.Create(stream, settings))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Removes characters XML 1.0 cannot carry (validation rejects them on input; this guards the output).</summary>
    public static string XmlSafe(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                builder.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                builder.Append(text, i, 2);
                i++;
            }
        }

        return builder.ToString();
    }

    public static string? Pick(LocalizedText text, string language) =>
        text.In(language) ?? text.Values.FirstOrDefault();

    private static DateTimeOffset Latest(TownDocument document, DateTimeOffset fallback) =>
        document.Updates.Concat(document.Incidents.SelectMany(i => i.Updates)).Select(u => u.At).Append(document.AsOf ?? DateTimeOffset.MinValue).DefaultIfEmpty(fallback).Max() is var latest
        && latest > DateTimeOffset.MinValue ? latest : fallback;

    /// <summary>The level in German words, the same the pages use, for feed titles.</summary>
    public static string LevelName(TownLevel level) => Html.Labels.For("de").Levels[level];

    /// <summary>
    /// One entry per update of a shared incident (issue 17), linking to the incident page; its id is the same in every
    /// member town's feed and in the region's, so a reader subscribed to several sees it once.
    /// </summary>
    public static IEnumerable<SyndicationItem> IncidentEntries(IncidentView incident, Uri siteBaseUrl, string language)
    {
        var page = new Uri(siteBaseUrl, SitePaths.IncidentFolder(incident.Id));
        var title = Pick(incident.Title, language) ?? incident.Id;
        return incident.Updates.Select(update =>
        {
            var text = Html.SafeMarkdown.ToPlainText(Pick(update.Text, language) ?? "");
            return Entry(Title($"{title}: {text}"), text, page, $"{page.AbsoluteUri}#update-{update.Id}", update.At, update.Text.In(language) is null ? update.Text.Keys.FirstOrDefault() ?? language : language);
        });
    }
}
