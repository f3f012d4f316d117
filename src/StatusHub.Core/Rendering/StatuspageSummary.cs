using System.Text.Json;
using System.Text.Json.Serialization;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;

namespace StatusHub.Core.Rendering;

/// <summary>
/// The Statuspage v2 <c>summary.json</c> shape (page, status, components, incidents, scheduled_maintenances),
/// so tools that read Statuspage summaries read a town: services become components.
/// </summary>
public static class StatuspageSummary
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new UtcTimestampConverter() },
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static SiteFile Render(TownDocument document, Uri siteBaseUrl, DateTimeOffset renderedAt)
    {
        var town = document.Town;
        var language = town.DefaultLanguage;
        var url = new Uri(siteBaseUrl, SitePaths.TownPageUrl(town.Slug, language, language)).AbsoluteUri;
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

        var incidents = new List<Incident>();
        if (document.Level != TownLevel.Normal)
        {
            var id = $"{town.Slug}-{updatedAt.UtcTicks}";
            var body = AtomFeeds.Pick(document.Summary, language) ?? AtomFeeds.Pick(document.Headline, language) ?? "";
            incidents.Add(new Incident(
                id,
                AtomFeeds.Pick(document.Headline, language) ?? town.Name,
                "identified",
                updatedAt,
                updatedAt,
                null,
                null,
                Indicator(document.Level),
                url,
                updatedAt,
                town.Slug,
                [new IncidentUpdate($"{id}-status", "identified", body, id, updatedAt, updatedAt, updatedAt)],
                components.Where(c => c.Status != "operational").ToList()));
        }

        var summary = new Summary(
            new Page(town.Slug, town.Name, url, "Europe/Berlin", updatedAt),
            new PageStatus(Indicator(document.Level), Description(document.Level)),
            components,
            incidents,
            []);
        return new SiteFile(SitePaths.StatuspageSummary(town.Slug), SiteFile.Json, SiteFile.ShortCache, JsonSerializer.SerializeToUtf8Bytes(summary, Options));
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

    private static string Description(TownLevel level) => level switch
    {
        TownLevel.Normal => "All Systems Operational",
        TownLevel.Disrupted => "Partially Degraded Service",
        TownLevel.Emergency => "Major Service Outage",
        _ => "Administration Unreachable",
    };

    private sealed record Summary(Page Page, PageStatus Status, IReadOnlyList<Component> Components, IReadOnlyList<Incident> Incidents, IReadOnlyList<Incident> ScheduledMaintenances);

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

    private sealed record IncidentUpdate(string Id, string Status, string Body, string IncidentId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset DisplayAt);
}
