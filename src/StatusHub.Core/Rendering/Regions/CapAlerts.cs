using System.Globalization;
using System.Xml.Linq;
using StatusHub.Core.Domain;

namespace StatusHub.Core.Rendering.Regions;

/// <summary>What a published CAP message was: enough to continue its thread (Update, Cancel) or reproduce it unchanged.</summary>
public sealed record CapMessage(string Identifier, string Sender, string Sent, string MsgType, string? References)
{
    /// <summary>"sender,identifier,sent", how CAP 1.2 refers to an earlier message.</summary>
    public string Reference => $"{Sender},{Identifier},{Sent}";

    public static CapMessage? Parse(byte[] xml)
    {
        var alert = XDocument.Load(new MemoryStream(xml)).Root;
        string? Value(string name) => alert?.Element(CapAlerts.Ns + name)?.Value;
        return Value("identifier") is { } identifier && Value("sender") is { } sender && Value("sent") is { } sent && Value("msgType") is { } type
            ? new CapMessage(identifier, sender, sent, type, Value("references"))
            : null;
    }
}

/// <summary>
/// CAP 1.2 alerts (OASIS, namespace urn:oasis:names:tc:emergency:cap:1.2) for towns at emergency or offline:
/// one identifier per town and status version, Alert first, Update for each new version, Cancel when the
/// town is back to normal or disrupted. Built with LINQ to XML in schema element order, one <c>info</c> per language
/// the town has a headline in, with what NINA/MoWaS consumers read (docs/cap.md): the BBK event code, the
/// Regionalschlüssel as <c>SHN</c> geocode and <c>warnVerwaltungsbereiche</c>, <c>sender_langname</c> and
/// <c>sender_signature</c>, and <c>expires</c>.
/// </summary>
public static class CapAlerts
{
    /// <summary>The valueName of the info parameter naming a shared incident the town is hit by (issue 17).</summary>
    public const string IncidentParameterName = "statushub:incident";

    public static readonly XNamespace Ns = "urn:oasis:names:tc:emergency:cap:1.2";

    /// <summary>A town's alert is active at these levels.</summary>
    public static bool IsActive(TownLevel level) => level is TownLevel.Emergency or TownLevel.Offline;

    /// <summary>
    /// The town's CAP document given the one published before (null when none), or null when there is nothing to
    /// publish (never alerted, or already cancelled).
    /// </summary>
    /// <param name="incidents">The town's shared incidents (issue 17): named in the alert's <c>incidents</c> and in each info's parameters.</param>
    public static XDocument? Build(TownSnapshot town, CapMessage? previous, Uri siteBaseUrl, IReadOnlyList<string> languages, CapOptions options, IReadOnlyList<IncidentView>? incidents = null)
    {
        incidents ??= [];
        var sender = options.Sender ?? $"statushub@{siteBaseUrl.Host}";
        var active = IsActive(town.Status.Level);
        var asOf = town.Status.AsOf ?? DateTimeOffset.UnixEpoch;
        var identifier = $"statushub-{town.Profile.Slug}-{asOf.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}";
        var sent = Timestamp(asOf);

        if (!active)
        {
            if (previous is null || previous.MsgType == "Cancel")
            {
                return previous is null ? null : Document(previous.Identifier, previous.Sender, previous.Sent, "Cancel", previous.References, []);
            }

            return Document(identifier + "-cancel", sender, sent, "Cancel", previous.Reference, []);
        }

        if (previous is not null && previous.Identifier == identifier)
        {
            return Document(identifier, previous.Sender, previous.Sent, previous.MsgType, previous.References, Infos(town, siteBaseUrl, languages, options, incidents), incidents);
        }

        var (msgType, references) = previous is null || previous.MsgType == "Cancel" ? ("Alert", (string?)null) : ("Update", previous.Reference);
        return Document(identifier, sender, sent, msgType, references, Infos(town, siteBaseUrl, languages, options, incidents), incidents);
    }

    /// <summary>CAP date-times need a numeric offset and no fractions: 2023-11-20T07:00:00+00:00.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    private static XDocument Document(
        string identifier, string sender, string sent, string msgType, string? references, IEnumerable<XElement> infos, IReadOnlyList<IncidentView>? incidents = null) =>
        new(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                Ns + "alert",
                new XElement(Ns + "identifier", identifier),
                new XElement(Ns + "sender", sender),
                new XElement(Ns + "sent", sent),
                new XElement(Ns + "status", "Actual"),
                new XElement(Ns + "msgType", msgType),
                new XElement(Ns + "scope", "Public"),
                references is null ? null : new XElement(Ns + "references", references),
                incidents is { Count: > 0 } ? new XElement(Ns + "incidents", string.Join(' ', incidents.Select(i => i.Id))) : null,
                infos));

    /// <summary>NINA's key of the BBK event code in <c>eventCode</c> (bundesAPI/nina-api openapi.yaml, Warning.info.eventCode).</summary>
    public const string EventCodeName = "profile:DE-BBK-EVENTCODE";

    /// <summary>The geocode name MoWaS gives the 12-digit Amtlicher Regionalschlüssel of an area.</summary>
    public const string RegionalKeyName = "SHN";

    /// <summary>
    /// The 12-digit Amtlicher Regionalschlüssel of the town's Kreis, derived from its 8-digit AGS: Land, Regierungsbezirk
    /// and Kreis (the first five digits), then seven zeros. NINA keys warnings by this Kreis-level ARS (its dashboard
    /// takes no other); the municipality's own ARS needs its Gemeindeverband digits, which an AGS does not hold.
    /// </summary>
    public static string? RegionalKey(string? ags) =>
        ags is { Length: 8 } && ags.All(char.IsAsciiDigit) ? ags[..5] + "0000000" : null;

    private static IEnumerable<XElement> Infos(TownSnapshot town, Uri siteBaseUrl, IReadOnlyList<string> languages, CapOptions options, IReadOnlyList<IncidentView> incidents)
    {
        var profile = town.Profile;
        var regionalKey = RegionalKey(profile.Ags);
        var expires = town.Status.AsOf is { } asOf ? Timestamp(StatusExpiry.Of(asOf)) : null;
        foreach (var language in languages)
        {
            var english = !IsGerman(language);
            var headline = town.Status.Headline.In(language) ?? town.Status.Headline.In(profile.DefaultLanguage) ?? profile.Name;
            var summary = town.Status.Summary.In(language) ?? town.Status.Summary.In(profile.DefaultLanguage);
            var page = new Uri(siteBaseUrl, SitePaths.TownPageUrl(profile.Slug, language, profile.DefaultLanguage));
            yield return new XElement(
                Ns + "info",
                new XElement(Ns + "language", language),
                new XElement(Ns + "category", "Infra"),
                new XElement(Ns + "event", Event(town.Status.Level, english)),
                new XElement(Ns + "urgency", "Expected"),
                new XElement(Ns + "severity", town.Status.Level == TownLevel.Offline ? "Severe" : "Moderate"),
                new XElement(Ns + "certainty", "Observed"),
                ValuePair("eventCode", EventCodeName, options.EventCode),
                expires is null ? null : new XElement(Ns + "expires", expires),
                new XElement(Ns + "senderName", AtomFeeds.XmlSafe(profile.Name)),
                new XElement(Ns + "headline", AtomFeeds.XmlSafe(Html.TownPageView.Shorten(headline, 160))),
                summary is null ? null : new XElement(Ns + "description", AtomFeeds.XmlSafe(summary)),
                new XElement(Ns + "instruction", english
                    ? "See the town's status page for what works and where else to go."
                    : "Was funktioniert und wohin Sie sich wenden können, steht auf der Statusseite der Gemeinde."),
                new XElement(Ns + "web", page.AbsoluteUri),
                profile.Phone is null ? null : new XElement(Ns + "contact", profile.Phone),
                incidents.Select(incident => IncidentParameter(incident, siteBaseUrl, language)),
                regionalKey is null ? null : ValuePair("parameter", "warnVerwaltungsbereiche", regionalKey),
                ValuePair("parameter", "sender_langname", AtomFeeds.XmlSafe(options.SenderName ?? profile.Name)),
                ValuePair("parameter", "sender_signature", AtomFeeds.XmlSafe(string.Join('\n', new[] { profile.Name, profile.Phone, profile.Website }.OfType<string>()))),
                Area(profile, regionalKey));
        }
    }

    /// <summary>German text for German and its variants (de-CH, de-x-ls); English for every other language.</summary>
    private static bool IsGerman(string language) =>
        language.Equals("de", StringComparison.OrdinalIgnoreCase) || language.StartsWith("de-", StringComparison.OrdinalIgnoreCase);

    private static XElement ValuePair(string element, string name, string value) =>
        new(Ns + element, new XElement(Ns + "valueName", name), new XElement(Ns + "value", value));

    /// <summary>
    /// A shared incident the town is hit by, as an info parameter (CAP 1.2 has no element for a link beside <c>web</c>,
    /// which stays the town's page): "{id} | {title} | {incident page}".
    /// </summary>
    private static XElement IncidentParameter(IncidentView incident, Uri siteBaseUrl, string language) =>
        new(
            Ns + "parameter",
            new XElement(Ns + "valueName", IncidentParameterName),
            new XElement(Ns + "value", AtomFeeds.XmlSafe(
                $"{incident.Id} | {incident.Title.In(language) ?? AtomFeeds.Pick(incident.Title, "de") ?? incident.Id} | {new Uri(siteBaseUrl, SitePaths.IncidentFolder(incident.Id)).AbsoluteUri}")));

    private static XElement Area(TownProfile profile, string? regionalKey) =>
        new(
            Ns + "area",
            new XElement(Ns + "areaDesc", AtomFeeds.XmlSafe(profile.Name)),
            profile.Location is { } at
                ? new XElement(Ns + "circle", string.Create(CultureInfo.InvariantCulture, $"{at.Lat:0.######},{at.Lon:0.######} 5"))
                : null,
            regionalKey is null ? null : ValuePair("geocode", RegionalKeyName, regionalKey),
            profile.Ags is null ? null : ValuePair("geocode", "AGS", profile.Ags));

    private static string Event(TownLevel level, bool english) => (level, english) switch
    {
        (TownLevel.Offline, false) => "Verwaltung nicht erreichbar",
        (TownLevel.Offline, true) => "Administration unreachable",
        (_, false) => "Verwaltung im Notbetrieb",
        _ => "Administration in emergency operation",
    };
}
