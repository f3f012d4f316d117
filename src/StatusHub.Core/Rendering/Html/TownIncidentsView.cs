using System.Globalization;

namespace StatusHub.Core.Rendering.Html;

/// <summary>
/// What a member town's page shows of its shared incidents (issue 17): each with title, state, start, summary, the latest
/// updates and a link to the incident page, in a section under the town's own headline; and, when the town has no headline
/// of its own, each one also first in the "at a glance" block, since it is then the news on the page.
/// </summary>
internal sealed class TownIncidentsView
{
    /// <summary>How many of an incident's updates the town page shows; the incident page has them all.</summary>
    public const int LatestUpdates = 3;

    /// <summary>An incident's summary in the glance block is cut here, like a channel's note.</summary>
    public const int GlanceSummaryLength = 2 * TownPageView.GlanceNoteLength;

    public TownIncidentsView(TownPageModel model)
    {
        var language = new PageLanguage(model.Language, model.DefaultLanguage);
        Language = language;
        Lead = string.Format(CultureInfo.InvariantCulture, Labels.IncidentTownSectionLead, model.Document.Town.Name);
        AtAGlance = HasNoHeadline(model, language);
        Items = model.Document.Incidents
            .Select(incident => new TownIncident(
                incident.Id,
                language.Pick(incident.Title) ?? new ShownText(incident.Id, null, null),
                IncidentState.Of(incident.ResolvedAt, Labels),
                incident.StartedAt,
                incident.ResolvedAt,
                language.Pick(incident.Summary),
                incident.Updates
                    .OrderByDescending(update => update.At)
                    .Select(update => (update.At, Text: language.Pick(update.Text)))
                    .Where(update => update.Text is not null)
                    .Take(LatestUpdates)
                    .Select(update => new UpdateView(update.At, update.Text!))
                    .ToList(),
                PageLinks.SitePath(model.SiteBaseUrl, SitePaths.IncidentFolder(incident.Id))))
            .ToList();
    }

    public PageLanguage Language { get; }

    public Labels Labels => Language.Labels;

    public string Lead { get; }

    /// <summary>True when the town has no headline of its own: its incidents then also lead the "at a glance" block.</summary>
    public bool AtAGlance { get; }

    /// <summary>The incidents, open ones first (the order of the town document).</summary>
    public IReadOnlyList<TownIncident> Items { get; }

    /// <summary>Whether the glance block shows the town's incidents: it has some and no headline of its own.</summary>
    public static bool ShownAtAGlance(TownPageView page) => page.Model.Document.Incidents.Count > 0 && HasNoHeadline(page.Model, page.Language);

    private static bool HasNoHeadline(TownPageModel model, PageLanguage language) => language.Pick(model.Document.Headline) is null;
}

/// <summary>One shared incident on a member town's page.</summary>
internal sealed record TownIncident(
    string Id, ShownText Title, IncidentState State, DateTimeOffset StartedAt, DateTimeOffset? ResolvedAt, ShownText? Summary, IReadOnlyList<UpdateView> Updates, string Href)
{
    public ShownText? GlanceSummary => Summary is { } summary ? summary with { Text = TownPageView.Shorten(summary.Text, TownIncidentsView.GlanceSummaryLength) } : null;
}
