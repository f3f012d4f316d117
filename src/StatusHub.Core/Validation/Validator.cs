using StatusHub.Core.Contracts;
using StatusHub.Core.Domain;

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
    public const string SlugRegex = Slugs.Body + "$";

    /// <summary>A BCP 47 language tag as <see cref="IsLanguageTag"/> accepts it, as the OpenAPI document states it.</summary>
    public const string LanguageTagRegex = LanguageTags.Body + "$";

    /// <summary>The Amtlicher Gemeindeschlüssel: 8 digits.</summary>
    public const string AgsRegex = TownValidator.AgsBody + "$";

    /// <summary>A phone number as the validator accepts it.</summary>
    public const string PhoneRegex = TextRules.PhoneBody + "$";

    /// <summary>What a slug must be, as the validation message says it.</summary>
    public const string SlugRule = Slugs.Rule;

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

    /// <summary>
    /// A list of 1 to <see cref="Limits.MaxIncidentTowns"/> town slugs (an incident's members, a provider key's towns), in
    /// the given order without repeats; reserved site folders are no towns. Errors go to <paramref name="field"/>.
    /// </summary>
    public static IReadOnlyList<string> TownList(ValidationErrors errors, string field, IReadOnlyList<string?>? list) =>
        Slugs.TownList(errors, field, list);

    /// <summary>Throws a 400 naming every town of <paramref name="towns"/> that is not in <paramref name="known"/>.</summary>
    public static void RequireKnownTowns(string field, IReadOnlyList<string> towns, IReadOnlySet<string> known) =>
        Slugs.RequireKnown(field, towns, known);

    /// <summary>
    /// An aid offer: a catalogue service (so towns can match it), slugs in forTowns other than the provider,
    /// a note, and a validUntil in the future. Whether the named towns exist is checked against storage by the caller.
    /// </summary>
    public static AidOffer AidOffer(string provider, string offerId, AidOfferRequest? request, string defaultLanguage, DateTimeOffset now) =>
        AidOfferValidator.Validate(provider, offerId, request, defaultLanguage, now);

    public static string? Label(ValidationErrors errors, string? label) =>
        TextRules.Plain(errors, "label", label, Limits.MaxLabel, required: false);
}
