using System.Text.Json;
using System.Text.Json.Serialization;
using StatusHub.Core.Documents;

namespace StatusHub.Core.Rendering;

/// <summary>
/// A town as Atlassian's Statuspage v2 public API (<c>/{town}/api/v2/</c>: summary, status, components, incidents,
/// scheduled maintenances), so tools that read Statuspage pages read a town: services become components, the town's
/// timeline becomes the updates of one incident. Every file is cut from one model, so they always agree.
/// </summary>
public static class StatuspageApi
{
    private const string Identified = "identified";
    private const string Resolved = "resolved";

    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new UtcTimestampConverter() },
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>The town's Statuspage files (<see cref="SitePaths.Statuspage"/>), summary first.</summary>
    public static IReadOnlyList<SiteFile> Render(TownDocument document, Uri siteBaseUrl, DateTimeOffset renderedAt)
    {
        var slug = document.Town.Slug;
        var page = Build(document, siteBaseUrl, renderedAt);
        var unresolved = page.Incidents.Where(i => i.ResolvedAt is null).ToList();

        // The hub has no scheduled maintenances; the lists exist so that clients asking for them get an empty answer.
        IReadOnlyList<Incident> maintenances = [];
        return
        [
            File(SitePaths.StatuspageSummary(slug), new Summary(page.Page, page.Status, page.Components, unresolved, maintenances)),
            File(SitePaths.StatuspageStatus(slug), new StatusFile(page.Page, page.Status)),
            File(SitePaths.StatuspageComponents(slug), new ComponentsFile(page.Page, page.Components)),
            File(SitePaths.StatuspageIncidents(slug), new IncidentsFile(page.Page, page.Incidents)),
            File(SitePaths.StatuspageUnresolvedIncidents(slug), new IncidentsFile(page.Page, unresolved)),
            File(SitePaths.StatuspageMaintenances(slug), new MaintenancesFile(page.Page, maintenances)),
            File(SitePaths.StatuspageUpcomingMaintenances(slug), new MaintenancesFile(page.Page, maintenances)),
            File(SitePaths.StatuspageActiveMaintenances(slug), new MaintenancesFile(page.Page, maintenances)),
        ];
    }

    /// <summary>Town level → Statuspage indicator.</summary>
    public static string Indicator(TownLevel level) => level switch
    {
        TownLevel.Normal => "none",
        TownLevel.Disrupted => "minor",
        TownLevel.Emergency => "major",
        _ => "critical",
    };

    /// <summary>
    /// Service state → component status. "limited" means part of the service is out (partial_outage);
    /// "unknown" cannot be confirmed as working, so it is reported as degraded rather than operational.
    /// </summary>
    public static string ComponentStatus(ServiceState state) => state switch
    {
        ServiceState.Available => "operational",
        ServiceState.Limited => "partial_outage",
        ServiceState.Unavailable => "major_outage",
        _ => "degraded_performance",
    };

    /// <summary>
    /// The model every file is cut from. The timeline is one incident: it begins with the oldest update (or the status
    /// time when there is none), so its id stays the same while the town re-publishes its status and when it resolves.
    /// The incident is open while the town is not in normal operation, and resolved at the status time of the return to
    /// normal (a normal town whose timeline began after its status has no incident: it never left normal operation).
    /// </summary>
    private static StatusPage Build(TownDocument document, Uri siteBaseUrl, DateTimeOffset renderedAt)
    {
        var town = document.Town;
        var language = town.DefaultLanguage;
        var url = new Uri(siteBaseUrl, SitePaths.TownPageUrl(town.Slug, language, language)).AbsoluteUri;

        // The status time, not the render time nor the latest update: a new update then changes the incident files only.
        var updatedAt = document.AsOf ?? renderedAt;
        var components = document.Services.Select((service, index) => new Component(
            $"{town.Slug}-{service.Id}",
            AtomFeeds.Pick(service.Name, language) ?? service.Id,
            ComponentStatus(service.State),
            updatedAt,
            updatedAt,
            index + 1,
            AtomFeeds.Pick(service.Note, language),
            town.Slug)).ToList();

        var timeline = document.Updates.OrderByDescending(u => u.At).ThenBy(u => u.Id, StringComparer.Ordinal).ToList();
        var startedAt = timeline.Count > 0 ? timeline[^1].At : document.AsOf;
        var open = document.Level != TownLevel.Normal;
        var resolvedAt = !open && timeline.Count > 0 && document.AsOf >= startedAt ? document.AsOf : null;
        var incidents = new List<Incident>();
        if (startedAt is { } started && (open || resolvedAt is not null))
        {
            var id = $"{town.Slug}-{started.UtcTicks}";
            var updates = timeline.Select(update => new IncidentUpdate(
                $"{id}-{update.Id}",
                update.At >= resolvedAt ? Resolved : Identified,
                // Statuspage bodies are plain text (its widget and clients show them as they are): the Markdown subset
                // the API allows in updates becomes text, as in the Atom feeds.
                Html.SafeMarkdown.ToPlainText(AtomFeeds.Pick(update.Text, language) ?? ""),
                id,
                update.At,
                update.At,
                update.At)).ToList();
            var latest = timeline.Select(u => u.At).Append(document.AsOf ?? started).Max();

            // A resolved incident's impact is that of normal operation, "none": the levels before it are not stored.
            var impact = Indicator(document.Level);
            incidents.Add(new Incident(
                id,
                AtomFeeds.Pick(document.Headline, language) ?? town.Name,
                open ? Identified : Resolved,
                started,
                latest,
                null,
                resolvedAt,
                impact,
                url,
                started,
                town.Slug,
                updates,
                open ? components.Where(c => c.Status != "operational").ToList() : []));
        }

        return new StatusPage(
            new Page(town.Slug, town.Name, url, "Europe/Berlin", updatedAt),
            new PageStatus(Indicator(document.Level), Description(document.Level)),
            components,
            incidents);
    }

    private static SiteFile File<T>(string path, T content) =>
        new(path, SiteFile.Json, SiteFile.ShortCache, JsonSerializer.SerializeToUtf8Bytes(content, Options));

    private static string Description(TownLevel level) => level switch
    {
        TownLevel.Normal => "All Systems Operational",
        TownLevel.Disrupted => "Partially Degraded Service",
        TownLevel.Emergency => "Major Service Outage",
        _ => "Administration Unreachable",
    };

    private sealed record StatusPage(Page Page, PageStatus Status, IReadOnlyList<Component> Components, IReadOnlyList<Incident> Incidents);

    private sealed record Summary(Page Page, PageStatus Status, IReadOnlyList<Component> Components, IReadOnlyList<Incident> Incidents, IReadOnlyList<Incident> ScheduledMaintenances);

    private sealed record StatusFile(Page Page, PageStatus Status);

    private sealed record ComponentsFile(Page Page, IReadOnlyList<Component> Components);

    private sealed record IncidentsFile(Page Page, IReadOnlyList<Incident> Incidents);

    private sealed record MaintenancesFile(Page Page, IReadOnlyList<Incident> ScheduledMaintenances);

    private sealed record Page(string Id, string Name, string Url, string TimeZone, DateTimeOffset UpdatedAt);

    private sealed record PageStatus(string Indicator, string Description);

    private sealed record Component(string Id, string Name, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Position, string? Description, string PageId)
    {
        public bool Showcase => true;

        public string? GroupId => null;

        public bool Group => false;

        public bool OnlyShowIfDegraded => false;

        public string? StartDate => null;
    }

    private sealed record Incident(
        string Id,
        string Name,
        string Status,
        DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt,
        DateTimeOffset? MonitoringAt,
        DateTimeOffset? ResolvedAt,
        string Impact,
        string Shortlink,
        DateTimeOffset StartedAt,
        string PageId,
        IReadOnlyList<IncidentUpdate> IncidentUpdates,
        IReadOnlyList<Component> Components);

    /// <summary>One timeline update. Updates do not say which services they changed, so affected_components is null.</summary>
    private sealed record IncidentUpdate(string Id, string Status, string Body, string IncidentId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset DisplayAt)
    {
        public IReadOnlyList<object>? AffectedComponents => null;
    }
}
