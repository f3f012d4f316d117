using System.Globalization;

namespace StatusHub.Core.Rendering.Html;

/// <summary>
/// The region page's shared incidents (issue 17), from its towns' documents: each incident once, open ones first, with the
/// region's towns among its members (as a German reader sorts them) and their levels.
/// </summary>
internal static class RegionIncidentsView
{
    private static readonly PageLanguage German = new(RegionPageView.Language, RegionPageView.Language);

    public static IReadOnlyList<RegionIncidentView> Of(RegionPageModel model)
    {
        var labels = German.Labels;
        return model.Towns
            .Select(town => town.Document)
            .OrderBy(document => TownNames.SortKey(document.Town.Name), StringComparer.Ordinal)
            .ThenBy(document => document.Town.Slug, StringComparer.Ordinal)
            .SelectMany(document => document.Incidents.Select(incident => (document, incident)))
            .GroupBy(pair => pair.incident.Id, StringComparer.Ordinal)
            .Select(group =>
            {
                var incident = group.First().incident;
                return new RegionIncidentView(
                    incident.Id,
                    German.Pick(incident.Title) ?? new ShownText(incident.Id, null, null),
                    IncidentState.Of(incident.ResolvedAt, labels),
                    incident.StartedAt,
                    PageLinks.SitePath(model.SiteBaseUrl, SitePaths.IncidentFolder(incident.Id)),
                    string.Format(CultureInfo.InvariantCulture, labels.IncidentRegionTowns, group.Count()),
                    group
                        .Select(pair => pair.document)
                        .Select(document => new RegionIncidentTown(
                            document.Town.Name,
                            PageLinks.SitePath(model.SiteBaseUrl, SitePaths.TownPageUrl(document.Town.Slug, document.Town.DefaultLanguage, document.Town.DefaultLanguage)),
                            document.Level,
                            labels.Levels[document.Level]))
                        .ToList());
            })
            .OrderBy(incident => incident.State.IsResolved)
            .ThenByDescending(incident => incident.StartedAt)
            .ThenBy(incident => incident.Id, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>A shared incident on the region page with the region's towns among its members.</summary>
internal sealed record RegionIncidentView(
    string Id, ShownText Title, IncidentState State, DateTimeOffset StartedAt, string Href, string TownsLead, IReadOnlyList<RegionIncidentTown> Towns);

/// <summary>A member town of an incident on the region page, with its level.</summary>
internal sealed record RegionIncidentTown(string Name, string Href, TownLevel Level, string LevelWord);
