using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

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
    /// <summary>
    /// The head row's Table Storage ETag as read (not <see cref="ETag"/>, the town's version clients see): the renderer
    /// clears the town's dirty state conditionally on it, so a write committed after this read keeps the town marked.
    /// </summary>
    public string StoredETag { get; init; } = "";

    /// <summary>The offers of other towns this town has accepted (mutual aid needs the receiver's consent).</summary>
    public IReadOnlyList<AidAcceptance> AcceptedAid { get; init; } = [];

    /// <summary>
    /// The shared incidents whose membership row this town's partition holds (read with the document, no extra query);
    /// an incident counts only while its own town list names the town too (<see cref="Documents.IncidentSelection"/>).
    /// </summary>
    public IReadOnlyList<string> IncidentIds { get; init; } = [];

    /// <summary>The shared incidents the town's document shows, as the reader filled them in (empty until then).</summary>
    public IReadOnlyList<Documents.IncidentView> Incidents { get; init; } = [];

    /// <summary>True when this town accepted <paramref name="offer"/> of <paramref name="provider"/> on the terms it has now.</summary>
    public bool HasAccepted(string provider, AidOffer offer) =>
        AcceptedAid.Any(a => a.Provider == provider && a.OfferId == offer.Id && a.Terms == offer.Terms);
}

/// <summary>
/// Town T's consent to one offer of <see cref="Provider"/>: only accepted offers help T anywhere public. It names the
/// offer and the terms T saw (<see cref="AidOffer.Terms"/>): a provider that changes the offer's service, its note or
/// its end afterwards no longer has T's consent, so an offer accepted as "call us" cannot become "mail your ID scans to
/// …" on T's page. Re-sending the same terms (a retried PUT) keeps it.
/// </summary>
public sealed record AidAcceptance(string Provider, string OfferId, string Terms, DateTimeOffset AcceptedAt, string AcceptedBy);

/// <summary>A town's offer to take on a service for other towns (mutual aid).</summary>
/// <param name="ForTowns">The towns served; empty means every neighbour of the providing town.</param>
/// <param name="ValidUntil">When the offer ends; null means until withdrawn.</param>
public sealed record AidOffer(string Id, string Service, IReadOnlyList<string> ForTowns, LocalizedText Note, DateTimeOffset? ValidUntil)
{
    /// <summary>The towns the offer is for: its <see cref="ForTowns"/>, or when it names none the provider's neighbours.</summary>
    public IReadOnlyList<string> Receivers(TownProfile provider) =>
        (ForTowns.Count > 0 ? ForTowns : provider.Neighbours).Where(t => t != provider.Slug).ToList();

    /// <summary>
    /// When the offer's terms last changed: its service, note or end, or a town it named no longer named. Set by the
    /// write that stores the offer; a re-sent offer keeps it. Part of <see cref="Terms"/>, so consent given before a
    /// change never comes back when the provider changes the offer back.
    /// </summary>
    [JsonIgnore]
    public DateTimeOffset? TermsSince { get; init; }

    /// <summary>
    /// A fingerprint of what a receiver consents to: the service, the note in every language, the end and
    /// <see cref="TermsSince"/> (SHA-256 over a canonical form, base64url).
    /// </summary>
    [JsonIgnore]
    public string Terms
    {
        get
        {
            var canonical = new StringBuilder()
                .Append(Service).Append('\n')
                .Append(ValidUntil?.UtcTicks.ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append(TermsSince?.UtcTicks.ToString(CultureInfo.InvariantCulture)).Append('\n');
            foreach (var (language, text) in Note.OrderBy(n => n.Key, StringComparer.Ordinal))
            {
                canonical.Append(language).Append('\n').Append(text.Length).Append('\n').Append(text);
            }

            return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
        }
    }

    /// <summary>
    /// This offer as it replaces <paramref name="previous"/> (null: a new offer) at <paramref name="now"/>: it keeps
    /// the previous <see cref="TermsSince"/> when the service, note and end are the same and every town named before
    /// is still named; otherwise its terms start now and every acceptance of the old terms lapses.
    /// </summary>
    public AidOffer Replacing(AidOffer? previous, DateTimeOffset now)
    {
        var same = previous is not null
            && previous.Service == Service
            && previous.ValidUntil == ValidUntil
            && previous.Note.Count == Note.Count && previous.Note.All(n => Note.In(n.Key) == n.Value)
            && (previous.ForTowns.Count == 0 ? ForTowns.Count == 0 : ForTowns.Count > 0 && previous.ForTowns.All(ForTowns.Contains));
        return this with { TermsSince = same ? previous!.TermsSince : now };
    }
}
