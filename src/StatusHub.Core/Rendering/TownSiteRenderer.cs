using System.Text;
using System.Text.Json;
using StatusHub.Core.Documents;
using StatusHub.Core.Rendering.Html;

namespace StatusHub.Core.Rendering;

/// <summary>
/// A pure function from a town's document to its site files (API.md "Static site"): the page in the default
/// language and one in every further language the town has a headline in, the notice for the town-hall door,
/// status.json, feed.atom, the Statuspage v2 files and the badge.
/// </summary>
public sealed class TownSiteRenderer(HtmlPages pages)
{
    public async Task<IReadOnlyList<SiteFile>> RenderTownAsync(TownDocument document, Uri siteBaseUrl, DateTimeOffset renderedAt)
    {
        var town = document.Town;
        var languages = LanguagesOf(document);
        var files = new List<SiteFile>(languages.Count + 11);
        foreach (var language in languages)
        {
            var html = await pages.TownPageAsync(new TownPageModel(document, language, languages, siteBaseUrl, renderedAt)).ConfigureAwait(false);
            files.Add(new SiteFile(SitePaths.TownPage(town.Slug, language, town.DefaultLanguage), SiteFile.Html, SiteFile.ShortCache, Encoding.UTF8.GetBytes(html)));
        }

        var notice = await pages.NoticePageAsync(new TownPageModel(document, town.DefaultLanguage, languages, siteBaseUrl, renderedAt)).ConfigureAwait(false);
        files.Add(new SiteFile(SitePaths.Notice(town.Slug), SiteFile.Html, SiteFile.ShortCache, Encoding.UTF8.GetBytes(notice)));
        files.Add(new SiteFile(SitePaths.StatusJson(town.Slug), SiteFile.Json, SiteFile.ShortCache, JsonSerializer.SerializeToUtf8Bytes(document, DocumentJson.Options)));
        files.Add(AtomFeeds.Town(document, siteBaseUrl, renderedAt));
        files.AddRange(StatuspageApi.Render(document, siteBaseUrl, renderedAt));
        files.Add(StatusBadge.Render(document));
        return files;
    }

    public async Task<SiteFile> RenderIndexAsync(SiteIndexModel model)
    {
        var html = await pages.SiteIndexAsync(model).ConfigureAwait(false);
        return new SiteFile(SitePaths.Index, SiteFile.Html, SiteFile.ShortCache, Encoding.UTF8.GetBytes(html));
    }

    /// <summary>
    /// The default language first, then every other language the town has a headline in, by tag (so the order of the
    /// pages and of the language switch does not change with the order the town sent its texts in). The validator
    /// limits a text to <see cref="Limits.MaxLanguagesPerText"/> languages and refuses tags that are site
    /// folders (<see cref="SitePaths.IsReservedTownFolder"/>).
    /// </summary>
    public static IReadOnlyList<string> LanguagesOf(TownDocument document) =>
    [
        document.Town.DefaultLanguage,
        .. document.Headline
            .Where(entry => !string.Equals(entry.Key, document.Town.DefaultLanguage, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(entry.Value))
            .Select(entry => entry.Key)
            .Where(language => !SitePaths.IsReservedTownFolder(language))
            .Order(StringComparer.Ordinal),
    ];
}
