using StatusHub.Core.Domain;
using StatusHub.Core.Storage;

namespace StatusHub.Core.Validation;

/// <summary>
/// The entry points of every input rule of the API, used by both hosts, the CSV import and the demo loader: each
/// resource's rules live in its own validator (<see cref="TownValidator"/>, <see cref="StatusValidator"/>, …), the
/// rules they share in <see cref="TextRules"/>, <see cref="LanguageTags"/>, <see cref="Slugs"/> and <see cref="Timestamps"/>.
/// Each method either returns a valid domain value or throws <see cref="ValidationFailedException"/> listing every problem.
/// </summary>
public static class Validator
{
    /// <summary>The slug pattern (API.md), as the OpenAPI document states it; <see cref="IsSlug"/> matches it to the end.</summary>
    public const string SlugRegex = TownRules.SlugBody + "$";

    /// <summary>A BCP 47 language tag as <see cref="IsLanguageTag"/> accepts it, as the OpenAPI document states it.</summary>
    public const string LanguageTagRegex = LanguageTags.Body + "$";

    /// <summary>The Amtlicher Gemeindeschlüssel: 8 digits.</summary>
    public const string AgsRegex = TownRules.AgsBody + "$";

    /// <summary>A phone number as the validator accepts it.</summary>
    public const string PhoneRegex = FieldRules.PhoneBody + "$";

    /// <summary>What a slug must be, as the validation message says it.</summary>
    public const string SlugRule = TownRules.SlugRule;

    /// <summary>
    /// The language a shared incident's title, summary and updates must have: its member towns may differ in their own
    /// default language, so the hub's (<c>de</c>, the language of every page's chrome) is the one all of them can show;
    /// further languages are optional and appear on the pages in those languages.
    /// </summary>
    public const string IncidentLanguage = "de";

    /// <summary>Top-level folders of the site (API.md, Conventions), which no town's slug may be.</summary>
    public static IReadOnlySet<string> ReservedTownSlugs => Slugs.ReservedTownSlugs;

    /// <summary>True when <paramref name="value"/> is a slug as API.md defines it (town, region, service, offer id).</summary>
    public static bool IsSlug(string? value) => Slugs.IsSlug(value);

    /// <summary>Throws a 400-class error unless <paramref name="value"/> is a slug.</summary>
    public static string RequireSlug(string field, string? value) => Slugs.Require(field, value);

    public static bool IsLanguageTag(string? value) => LanguageTags.IsLanguageTag(value);

    /// <summary>BCP 47 tags are case-insensitive; store them in their conventional case: "de", "de-CH", "sr-Latn-RS".</summary>
    public static string CanonicalLanguageTag(string tag) => LanguageTags.Canonical(tag);

    public static TownProfile Town(string slug, TownRequest? request) => TownValidator.Validate(slug, request);

    /// <summary>
    /// A region's display name: at least one language (the hub's pages are German, so give <c>de</c> where you can), BCP 47
    /// tags, plain text of at most <see cref="Limits.MaxRegionName"/> characters in each. The slug is checked by the route.
    /// </summary>
    public static RegionProfile Region(string slug, RegionRequest? request) => RegionValidator.Validate(slug, request);

    public static TownStatus Status(StatusRequest? request, string defaultLanguage, DateTimeOffset now) =>
        StatusValidator.Validate(request, defaultLanguage, now);

    public static ServiceEntry Service(string serviceId, ServiceRequest? request, string defaultLanguage) =>
        ServiceValidator.Validate(serviceId, request, defaultLanguage);

    public static IReadOnlyList<ServiceEntry> Services(ServiceListRequest? request, string defaultLanguage) =>
        ServiceValidator.ValidateList(request, defaultLanguage);

    public static IReadOnlyList<QaItem> Qa(QaRequest? request, string defaultLanguage) => QaValidator.Validate(request, defaultLanguage);

    public static (LocalizedText Text, DateTimeOffset At) Update(UpdateRequest? request, string defaultLanguage, DateTimeOffset now) =>
        UpdateValidator.Validate(request, defaultLanguage, now);

    /// <summary>
    /// A shared incident: title (like a headline) and summary (like a town's summary), both with <see cref="IncidentLanguage"/>;
    /// 1 to <see cref="Limits.MaxIncidentTowns"/> town slugs (duplicates dropped, not reserved site folders; whether they
    /// exist is checked against storage by the caller); startedAt required and resolvedAt optional, neither more than
    /// <see cref="Limits.MaxIncidentFuture"/> ahead of <paramref name="now"/>, resolvedAt not before startedAt; moreInfoUrl
    /// http(s) only.
    /// </summary>
    public static IncidentDefinition Incident(string id, IncidentRequest? request, DateTimeOffset now) =>
        IncidentValidator.Validate(id, request, now);

    /// <summary>Throws a 400 naming every town of <paramref name="towns"/> that is not in <paramref name="known"/>.</summary>
    public static void RequireKnownTowns(string field, IReadOnlyList<string> towns, IReadOnlySet<string> known) =>
        Slugs.RequireKnown(field, towns, known);

    /// <summary>
    /// An aid offer: a catalogue service (so towns can match it), slugs in forTowns other than the provider,
    /// a note, and a validUntil in the future. Whether the named towns exist is checked against storage by the caller.
    /// </summary>
    public static AidOffer AidOffer(string provider, string offerId, AidOfferRequest? request, string defaultLanguage, DateTimeOffset now) =>
        AidOfferValidator.Validate(provider, offerId, request, defaultLanguage, now);

    /// <summary>A key to create (<c>POST /api/v1/keys</c>): scope, its town, region or towns, a label.</summary>
    public static KeyDefinition Key(KeyRequest? request) => KeyValidator.Validate(request);

    /// <summary>A subscription's URL and secret (<c>POST …/subscriptions</c>); https only unless <paramref name="allowLoopbackHttp"/>.</summary>
    public static SubscriptionTarget Subscription(string? url, string? secret, bool allowLoopbackHttp) =>
        SubscriptionValidator.Validate(url, secret, allowLoopbackHttp);

    /// <summary>True when <paramref name="id"/> can be a subscription's id (32 lower-case hex digits); any other finds nothing.</summary>
    public static bool IsSubscriptionId(string? id) => SubscriptionValidator.IsId(id);

    /// <summary>The <c>Idempotency-Key</c> header with the hash of the body it came with, null without the header; 400 when it is too long.</summary>
    public static IdempotencyToken? IdempotencyKey(string? header, ReadOnlySpan<byte> body) => IdempotencyKeyValidator.Validate(header, body);

    /// <summary>The <c>limit</c> and <c>continuation</c> query parameters of the audit trail: each null when absent, else all values given.</summary>
    public static AuditPageQuery AuditPage(IReadOnlyList<string?>? limit, IReadOnlyList<string?>? continuation) =>
        AuditPageValidator.Validate(limit, continuation);

    /// <summary>A body whose type has no rules of its own beyond being there: 400 for JSON <c>null</c>.</summary>
    public static T RequireBody<T>(T? body)
        where T : class => TextRules.RequireObject(body);
}
