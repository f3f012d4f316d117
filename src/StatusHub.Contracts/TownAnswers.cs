using System.Text.Json.Serialization;

namespace StatusHub.Contracts;

// The parts of a town's document that are answers of their own: PUT …/status, …/services, …/qa, …/aid/{offerId}
// and POST …/updates.

/// <summary>The published situation of a town.</summary>
public sealed record TownStatus(
    TownLevel Level,
    LocalizedText Headline,
    LocalizedText Summary,
    DateTimeOffset? AsOf,
    string? MoreInfoUrl)
{
    /// <summary>The status of a town that has never published one.</summary>
    public static TownStatus Initial { get; } = new(TownLevel.Normal, new LocalizedText(), new LocalizedText(), null, null);
}

/// <summary>A service with its display name (from the catalogue or the town's custom name).</summary>
public sealed record ServiceView(string Id, LocalizedText Name, ServiceState State, LocalizedText Note);

/// <summary>One question and its answer, in the town's order.</summary>
public sealed record QaItem(string Id, LocalizedText Question, LocalizedText Answer);

/// <summary>One timeline entry.</summary>
public sealed record TimelineUpdate(string Id, LocalizedText Text, DateTimeOffset At);

/// <summary>Answer of <c>PUT /api/v1/towns/{town}/services</c>.</summary>
public sealed record ServiceListResponse(IReadOnlyList<ServiceView> Services);

/// <summary>Answer of <c>PUT /api/v1/towns/{town}/qa</c>.</summary>
public sealed record QaResponse(IReadOnlyList<QaItem> Items);

/// <summary>A town's offer to take on a service for other towns (mutual aid).</summary>
/// <param name="ForTowns">The towns served; empty means every neighbour of the providing town.</param>
/// <param name="ValidUntil">When the offer ends; null means until withdrawn.</param>
public sealed record AidOffer(string Id, string Service, IReadOnlyList<string> ForTowns, LocalizedText Note, DateTimeOffset? ValidUntil)
{
    /// <summary>
    /// When the offer's terms last changed: its service, note or end, or a town it named no longer named. Set by the
    /// write that stores the offer; a re-sent offer keeps it. Part of the offer's terms (Core's <c>AidOffers.Terms</c>),
    /// so consent given before a change never comes back when the provider changes the offer back.
    /// </summary>
    [JsonIgnore]
    public DateTimeOffset? TermsSince { get; init; }
}
