namespace StatusHub.Contracts;

// Request bodies exactly as API.md names them. Every field is nullable and loosely typed on purpose:
// Validation turns them into domain records and reports each problem by field name.

/// <summary>Body of <c>PUT /api/v1/towns/{town}</c>.</summary>
public sealed record TownRequest(
    string? Name,
    string? Region,
    string? Ags,
    string? DefaultLanguage,
    string? Website,
    string? Phone,
    IReadOnlyList<string?>? Neighbours,
    LocationRequest? Location,
    InternalRequest? Internal);

/// <summary>Body of <c>PUT /api/v1/regions/{region}</c>: the region's display name by language.</summary>
public sealed record RegionRequest(Dictionary<string, string?>? Name);

public sealed record LocationRequest(double? Lat, double? Lon);

public sealed record InternalRequest(string? Contact, string? Phone, string? Notes);

/// <summary>Body of <c>PUT /api/v1/towns/{town}/status</c>.</summary>
public sealed record StatusRequest(
    string? Level,
    Dictionary<string, string?>? Headline,
    Dictionary<string, string?>? Summary,
    string? AsOf,
    string? MoreInfoUrl);

/// <summary>Body of <c>PUT /api/v1/towns/{town}/services/{service}</c>.</summary>
public sealed record ServiceRequest(string? State, Dictionary<string, string?>? Note, Dictionary<string, string?>? Name);

/// <summary>One entry of <c>PUT /api/v1/towns/{town}/services</c>.</summary>
public sealed record ServiceListEntryRequest(string? Id, string? State, Dictionary<string, string?>? Note, Dictionary<string, string?>? Name);

public sealed record ServiceListRequest(IReadOnlyList<ServiceListEntryRequest?>? Services);

public sealed record QaItemRequest(string? Id, Dictionary<string, string?>? Question, Dictionary<string, string?>? Answer);

/// <summary>Body of <c>PUT /api/v1/towns/{town}/qa</c>.</summary>
public sealed record QaRequest(IReadOnlyList<QaItemRequest?>? Items);

/// <summary>Body of <c>POST /api/v1/towns/{town}/updates</c>.</summary>
public sealed record UpdateRequest(Dictionary<string, string?>? Text, string? At);

/// <summary>Body of <c>POST /api/v1/keys</c>; <see cref="Towns"/> only with scope <c>provider</c>.</summary>
public sealed record KeyRequest(string? Scope, string? Town, string? Region, string? Label, IReadOnlyList<string?>? Towns = null);

/// <summary>Body of <c>PUT /api/v1/incidents/{incident}</c>; the timeline is added with <see cref="UpdateRequest"/>.</summary>
public sealed record IncidentRequest(
    Dictionary<string, string?>? Title,
    Dictionary<string, string?>? Summary,
    IReadOnlyList<string?>? Towns,
    string? StartedAt,
    string? ResolvedAt,
    string? MoreInfoUrl);

/// <summary>Body of <c>PUT /api/v1/towns/{town}/aid/{offerId}</c>.</summary>
public sealed record AidOfferRequest(string? Service, IReadOnlyList<string?>? ForTowns, Dictionary<string, string?>? Note, string? ValidUntil);
