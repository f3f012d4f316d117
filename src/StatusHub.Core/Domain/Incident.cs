namespace StatusHub.Core.Domain;

/// <summary>
/// What <c>PUT /api/v1/incidents/{incident}</c> stores: one attack on a shared IT provider, told once for all its member
/// towns (API.md "Shared incidents"). Its timeline is added with <c>POST …/updates</c>.
/// </summary>
public sealed record IncidentDefinition(
    string Id,
    LocalizedText Title,
    LocalizedText Summary,
    IReadOnlyList<string> Towns,
    DateTimeOffset StartedAt,
    DateTimeOffset? ResolvedAt,
    string? MoreInfoUrl);
