using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;

namespace StatusHub.Core.Rendering;

/// <summary>Atom 1.0 feeds (System.ServiceModel.Syndication): the town's current status and its timeline.</summary>
public static class AtomFeeds
{
    /// <summary>The town feed: one entry for the current status (new id whenever asOf changes) and one per update.</summary>
    public static SiteFile Town(TownDocument document, Uri siteBaseUrl, DateTimeOffset renderedAt)
    {
        var town = document.Town;
        var language = town.DefaultLanguage;
        var page = new Uri(siteBaseUrl, SitePaths.TownPageUrl(town.Slug, language, language));
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
        feed.Authors.Add(new SyndicationPerson { Name = XmlSafe(town.Name), Uri = town.Website });

        var entries = new List<SyndicationItem>();
        if (document.AsOf is { } asOf)
        {
            var title = $"{LevelName(document.Level)}: {Pick(document.Headline, language)}";
            var status = new SyndicationItem(XmlSafe(title), XmlSafe(Pick(document.Summary, language) ?? ""), page,
                $"{page.AbsoluteUri}#status-{asOf.UtcTicks}", asOf)
            {
                PublishDate = asOf,
            };
            entries.Add(status);
        }

        foreach (var update in document.Updates)
        {
            var text = Pick(update.Text, language) ?? "";
            var item = new SyndicationItem(XmlSafe(FirstLine(text)), XmlSafe(text), page, $"{page.AbsoluteUri}#update-{update.Id}", update.At)
            {
                PublishDate = update.At,
            };
            entries.Add(item);
        }

        entries.AddRange(document.Incidents.SelectMany(incident => IncidentEntries(incident, siteBaseUrl, language)));
        feed.Items = entries;
        return new SiteFile(SitePaths.TownFeed(town.Slug), SiteFile.Atom, SiteFile.ShortCache, Write(feed));
    }

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

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim().TrimStart('#', '-', '*', ' ');
        return line.Length <= 120 ? line : line[..119] + "…";
    }

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
            var text = Pick(update.Text, language) ?? "";
            return new SyndicationItem(XmlSafe($"{title}: {FirstLine(text)}"), XmlSafe(text), page, $"{page.AbsoluteUri}#update-{update.Id}", update.At)
            {
                PublishDate = update.At,
            };
        });
    }
}
