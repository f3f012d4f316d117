using System.Text.Json.Serialization;
using StatusHub.Core.Domain;

namespace StatusHub.Core.Documents;

/// <summary>The public town document: <c>GET /api/v1/towns/{town}</c> and the site's <c>status.json</c>. Never holds internal fields.</summary>
public sealed record TownDocument(
    TownReference Town,
    TownLevel Level,
    LocalizedText Headline,
    LocalizedText Summary,
    DateTimeOffset? AsOf,
    string? MoreInfoUrl,
    IReadOnlyList<ServiceView> Services,
    IReadOnlyList<QaItem> Qa,
    IReadOnlyList<TimelineUpdate> Updates,
    IReadOnlyList<AidMatchView> Aid)
{
    /// <summary>What the size budget left out, when anything (<see cref="DocumentBudget"/>); not part of the document.</summary>
    [JsonIgnore]
    public ShedContent? Shed { get; init; }

    /// <summary>The shared incidents this town is a member of (API.md "Shared incidents"), open ones first.</summary>
    public IReadOnlyList<IncidentView> Incidents { get; init; } = [];

    /// <summary>
    /// Builds the document from a snapshot, within the size budget (<see cref="DocumentBudget"/>); <paramref name="aid"/>
    /// are the mutual-aid matches for this town, the incidents those the reader put into <see cref="TownSnapshot.Incidents"/>.
    /// </summary>
    public static TownDocument From(TownSnapshot snapshot, IReadOnlyList<AidMatchView> aid) => DocumentBudget.Fit(
        new(
            new TownReference(
                snapshot.Profile.Slug,
                snapshot.Profile.Name,
                snapshot.Profile.Region,
                snapshot.Profile.Website,
                snapshot.Profile.Phone,
                snapshot.Profile.DefaultLanguage)
            {
                Ags = snapshot.Profile.Ags,
                Location = snapshot.Profile.Location,
            },
            snapshot.Status.Level,
            snapshot.Status.Headline,
            snapshot.Status.Summary,
            snapshot.Status.AsOf,
            snapshot.Status.MoreInfoUrl,
            snapshot.Services.Select(ServiceView.From).ToList(),
            snapshot.Qa,
            snapshot.Updates,
            aid)
        {
            Incidents = snapshot.Incidents,
        });
}

/// <summary>The public identity of a town inside documents.</summary>
public sealed record TownReference(string Slug, string Name, string Region, string? Website, string? Phone, string DefaultLanguage)
{
    /// <summary>The town's 8-digit Amtlicher Gemeindeschlüssel, for the page's structured data; not part of status.json (its shape is the contract).</summary>
    [JsonIgnore]
    public string? Ags { get; init; }

    /// <summary>The town's location, for the page's structured data; not part of status.json.</summary>
    [JsonIgnore]
    public GeoLocation? Location { get; init; }
}

/// <summary>Builds <see cref="ServiceView"/> (a type of the wire contract) from what is stored.</summary>
public static class ServiceViews
{
    extension(ServiceView)
    {
        /// <summary>The service with its display name: the town's custom name, else the catalogue's, else its id.</summary>
        public static ServiceView From(ServiceEntry entry) =>
            new(entry.Id, entry.Name ?? ServiceCatalogue.Find(entry.Id)?.Name ?? new LocalizedText { ["de"] = entry.Id }, entry.State, entry.Note);
    }
}

/// <summary>A neighbouring town that takes on a service for this town.</summary>
public sealed record AidMatchView(string Service, ProviderReference Provider, LocalizedText Note, DateTimeOffset? ValidUntil);

/// <summary>The providing town of an aid match, with what a citizen needs to reach it.</summary>
public sealed record ProviderReference(string Slug, string Name)
{
    public string? Phone { get; init; }

    public string? Website { get; init; }
}
