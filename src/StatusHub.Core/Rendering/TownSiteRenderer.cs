using System.Text;
using System.Text.Json;
using StatusHub.Core.Documents;
using StatusHub.Core.Rendering.Html;

namespace StatusHub.Core.Rendering;

/// <summary>
/// A pure function from a town's document to its site files (API.md "Static site"): the page in the default
/// language, an English page when English text exists, status.json, feed.atom, the Statuspage v2 files and the badge.
/// </summary>
public sealed class TownSiteRenderer(HtmlPages pages)
{
    /// <summary>Languages v1 renders pages in, besides the town's default language.</summary>
    public static IReadOnlyList<string> PageLanguages { get; } = ["de", "en"];

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

    /// <summary>The default language first, then each page language the town has a headline in.</summary>
    public static IReadOnlyList<string> LanguagesOf(TownDocument document) =>
        [document.Town.DefaultLanguage, .. PageLanguages.Where(l => l != document.Town.DefaultLanguage && document.Headline.ContainsKey(l))];
}
