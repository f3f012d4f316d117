namespace StatusHub.Core.Domain;

/// <summary>A town's profile, written by an admin.</summary>
public sealed record TownProfile(
    string Slug,
    string Name,
    string Region,
    string? Ags,
    string DefaultLanguage,
    string? Website,
    string? Phone,
    IReadOnlyList<string> Neighbours,
    GeoLocation? Location,
    InternalContact? Internal);

/// <summary>WGS 84 coordinates of a town.</summary>
public sealed record GeoLocation(double Lat, double Lon);

/// <summary>Contact details for regional agencies only; never published.</summary>
public sealed record InternalContact(string? Contact, string? Phone, string? Notes);

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

/// <summary>The state of one service in one town. <see cref="Name"/> is set for custom (non-catalogue) services.</summary>
public sealed record ServiceEntry(string Id, ServiceState State, LocalizedText Note, LocalizedText? Name);

/// <summary>One question and its answer, in the town's order.</summary>
public sealed record QaItem(string Id, LocalizedText Question, LocalizedText Answer);

/// <summary>One timeline entry.</summary>
public sealed record TimelineUpdate(string Id, LocalizedText Text, DateTimeOffset At);

/// <summary>Everything stored for a town, as read in one partition query.</summary>
public sealed record TownSnapshot(
    TownProfile Profile,
    TownStatus Status,
    IReadOnlyList<ServiceEntry> Services,
    IReadOnlyList<QaItem> Qa,
    IReadOnlyList<TimelineUpdate> Updates,
    IReadOnlyList<AidOffer> Offers,
    DateTimeOffset UpdatedAt,
    string ETag)
{
    /// <summary>The offers of other towns this town has accepted (mutual aid needs the receiver's consent).</summary>
    public IReadOnlyList<AidAcceptance> AcceptedAid { get; init; } = [];

    /// <summary>True when this town accepted <paramref name="offer"/> of <paramref name="provider"/> for the service it is for now.</summary>
    public bool HasAccepted(string provider, AidOffer offer) =>
        AcceptedAid.Any(a => a.Provider == provider && a.OfferId == offer.Id && a.Service == offer.Service);
}

/// <summary>
/// Town T's consent to one offer of <see cref="Provider"/>: only accepted offers help T anywhere public. It names the
/// offer and the service it was for; an offer that changes its service no longer carries the acceptance.
/// </summary>
public sealed record AidAcceptance(string Provider, string OfferId, string Service, DateTimeOffset AcceptedAt, string AcceptedBy);

/// <summary>A town's offer to take on a service for other towns (mutual aid).</summary>
/// <param name="ForTowns">The towns served; empty means every neighbour of the providing town.</param>
/// <param name="ValidUntil">When the offer ends; null means until withdrawn.</param>
public sealed record AidOffer(string Id, string Service, IReadOnlyList<string> ForTowns, LocalizedText Note, DateTimeOffset? ValidUntil)
{
    /// <summary>The towns the offer is for: its <see cref="ForTowns"/>, or when it names none the provider's neighbours.</summary>
    public IReadOnlyList<string> Receivers(TownProfile provider) =>
        (ForTowns.Count > 0 ? ForTowns : provider.Neighbours).Where(t => t != provider.Slug).ToList();
}
