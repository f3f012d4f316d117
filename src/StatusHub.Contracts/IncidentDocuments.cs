namespace StatusHub.Contracts;

/// <summary>
/// A shared incident as every member town's document carries it (API.md "Shared incidents": one attack on a shared
/// IT provider, written once, shown on every member's page). Public: never holds internal fields.
/// </summary>
public sealed record IncidentView(
    string Id,
    LocalizedText Title,
    LocalizedText Summary,
    DateTimeOffset StartedAt,
    DateTimeOffset? ResolvedAt,
    IReadOnlyList<TimelineUpdate> Updates,
    string? MoreInfoUrl);

/// <summary>
/// A shared incident with its member towns: <c>GET /api/v1/incidents/{incident}</c> and the input of the incident's
/// own page (<c>/incidents/{incident}/</c>). Updates are newest first.
/// </summary>
public sealed record IncidentDocument(
    string Id,
    LocalizedText Title,
    LocalizedText Summary,
    IReadOnlyList<string> Towns,
    DateTimeOffset StartedAt,
    DateTimeOffset? ResolvedAt,
    string? MoreInfoUrl,
    IReadOnlyList<TimelineUpdate> Updates)
{
    /// <summary>What a member town's document shows of this incident.</summary>
    public IncidentView ToView() => new(Id, Title, Summary, StartedAt, ResolvedAt, Updates, MoreInfoUrl);
}
