using System.Text;
using System.Text.Json;
using StatusHub.Core.Documents;
using StatusHub.Core.Rendering.Html;

namespace StatusHub.Core.Rendering;

/// <summary>
/// A pure function from a shared incident and its member towns' documents to the incident's site files (API.md "Static
/// site"): the page <c>/incidents/{incident}/index.html</c> (German) and the incident as JSON, <c>incident.json</c>.
/// </summary>
public sealed class IncidentSiteRenderer(HtmlPages pages)
{
    /// <summary>The language of the incident page; its texts fall back from it to any language the incident has.</summary>
    public const string Language = "de";

    /// <param name="incident">The incident with its timeline.</param>
    /// <param name="members">The public documents of its member towns (any order; towns not found are left out).</param>
    public async Task<IReadOnlyList<SiteFile>> RenderAsync(IncidentDocument incident, IReadOnlyList<TownDocument> members, Uri siteBaseUrl, DateTimeOffset renderedAt)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(members);
        var html = await pages.IncidentPageAsync(new IncidentPageModel(incident, members, Language, siteBaseUrl, renderedAt)).ConfigureAwait(false);
        return
        [
            new SiteFile(SitePaths.IncidentPage(incident.Id), SiteFile.Html, SiteFile.ShortCache, Encoding.UTF8.GetBytes(html)),
            new SiteFile(SitePaths.IncidentJson(incident.Id), SiteFile.Json, SiteFile.ShortCache, JsonSerializer.SerializeToUtf8Bytes(incident, DocumentJson.Options)),
        ];
    }
}
