using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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

/// <summary>The state of one service in one town. <see cref="Name"/> is set for custom (non-catalogue) services.</summary>
public sealed record ServiceEntry(string Id, ServiceState State, LocalizedText Note, LocalizedText? Name);

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
    public IReadOnlyList<IncidentView> Incidents { get; init; } = [];

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

/// <summary>What Core reads from an <see cref="AidOffer"/> (a type of the wire contract): its receivers and its terms.</summary>
public static class AidOffers
{
    extension(AidOffer offer)
    {
        /// <summary>The towns the offer is for: its <see cref="AidOffer.ForTowns"/>, or when it names none the provider's neighbours.</summary>
        public IReadOnlyList<string> Receivers(TownProfile provider) =>
            (offer.ForTowns.Count > 0 ? offer.ForTowns : provider.Neighbours).Where(t => t != provider.Slug).ToList();

        /// <summary>
        /// A fingerprint of what a receiver consents to: the service, the note in every language, the end and
        /// <see cref="AidOffer.TermsSince"/> (SHA-256 over a canonical form, base64url).
        /// </summary>
        public string Terms
        {
            get
            {
                var canonical = new StringBuilder()
                    .Append(offer.Service).Append('\n')
                    .Append(offer.ValidUntil?.UtcTicks.ToString(CultureInfo.InvariantCulture)).Append('\n')
                    .Append(offer.TermsSince?.UtcTicks.ToString(CultureInfo.InvariantCulture)).Append('\n');
                foreach (var (language, text) in offer.Note.OrderBy(n => n.Key, StringComparer.Ordinal))
                {
                    canonical.Append(language).Append('\n').Append(text.Length).Append('\n').Append(text);
                }

                return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
            }
        }

        /// <summary>
        /// This offer as it replaces <paramref name="previous"/> (null: a new offer) at <paramref name="now"/>: it keeps
        /// the previous <see cref="AidOffer.TermsSince"/> when the service, note and end are the same and every town
        /// named before is still named; otherwise its terms start now and every acceptance of the old terms lapses.
        /// </summary>
        public AidOffer Replacing(AidOffer? previous, DateTimeOffset now)
        {
            var same = previous is not null
                && previous.Service == offer.Service
                && previous.ValidUntil == offer.ValidUntil
                && previous.Note.Count == offer.Note.Count && previous.Note.All(n => offer.Note.In(n.Key) == n.Value)
                && (previous.ForTowns.Count == 0 ? offer.ForTowns.Count == 0 : offer.ForTowns.Count > 0 && previous.ForTowns.All(offer.ForTowns.Contains));
            return offer with { TermsSince = same ? previous!.TermsSince : now };
        }
    }
}
