using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using StatusHub.Core.Domain;

namespace StatusHub.Core.Validation;

/// <summary>
/// Every input rule of the API in one place, used by both hosts and by the demo loader.
/// Each method either returns a valid domain value or throws <see cref="ValidationFailedException"/> listing every problem.
/// </summary>
public static partial class Validator
{
    /// <summary>The slug pattern (API.md), as the OpenAPI document states it; <see cref="IsSlug"/> matches it to the end.</summary>
    public const string SlugRegex = SlugBody + "$";

    /// <summary>A BCP 47 language tag as <see cref="IsLanguageTag"/> accepts it, as the OpenAPI document states it.</summary>
    public const string LanguageTagRegex = LanguageTagBody + "$";

    /// <summary>The Amtlicher Gemeindeschlüssel: 8 digits.</summary>
    public const string AgsRegex = AgsBody + "$";

    /// <summary>A phone number as the validator accepts it.</summary>
    public const string PhoneRegex = PhoneBody + "$";

    private const string SlugBody = @"^[a-z0-9]+(-[a-z0-9]+)*";
    private const string LanguageTagBody = @"^[a-zA-Z]{2,3}(-[a-zA-Z]{3}){0,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?(-([a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*(-[0-9a-wyzA-WYZ](-[a-zA-Z0-9]{2,8})+)*(-[xX](-[a-zA-Z0-9]{1,8})+)?";
    private const string AgsBody = @"^[0-9]{8}";
    private const string PhoneBody = @"^\+?[0-9(][0-9 ()/\-]{1,38}[0-9]";

    [GeneratedRegex(SlugBody + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    // A BCP 47 language tag (RFC 5646 §2.1 "langtag"): a 2-3 letter language with up to three extended language
    // subtags, then an optional script, region, any variants and extensions, and an optional private use part
    // ("de-x-ls", Leichte Sprache, §2.2.7). The 4-8 letter language subtags are reserved or unused and refused, and so
    // are the grandfathered tags and tags that are private use as a whole ("x-…"): a page needs a real language.
    [GeneratedRegex(LanguageTagBody + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTagPattern();

    [GeneratedRegex(AgsBody + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex AgsPattern();

    [GeneratedRegex(PhoneBody + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();

    /// <summary>True when <paramref name="value"/> is a slug as API.md defines it (town, region, service, offer id).</summary>
    public static bool IsSlug(string? value) =>
        value is { Length: >= Limits.MinSlugLength and <= Limits.MaxSlugLength } && SlugPattern().IsMatch(value);

    /// <summary>Throws a 400-class error unless <paramref name="value"/> is a slug.</summary>
    public static string RequireSlug(string field, string? value)
    {
        if (!IsSlug(value))
        {
            throw ValidationFailedException.Single(field, SlugMessage);
        }

        return value!;
    }

    public static TownProfile Town(string slug, TownRequest? request)
    {
        var errors = new ValidationErrors();
        if (ReservedTownSlugs.Contains(slug))
        {
            errors.Add("town", $"'{slug}' is a folder of the site and cannot be a town's slug.");
            errors.ThrowIfAny();
        }

        if (request is null)
        {
            errors.Add("$", "A JSON object is required.");
            errors.ThrowIfAny();
        }

        var defaultLanguage = request!.DefaultLanguage ?? "de";
        if (!IsLanguageTag(defaultLanguage))
        {
            errors.Add("defaultLanguage", "Must be a BCP 47 language tag such as 'de', 'en' or 'de-x-ls'.");
        }
        else if (ReservedLanguageMessage(defaultLanguage) is { } reserved)
        {
            errors.Add("defaultLanguage", reserved);
        }
        else
        {
            defaultLanguage = CanonicalLanguageTag(defaultLanguage);
        }

        var name = PlainText(errors, "name", request.Name, Limits.MaxTownName, required: true);
        if (!IsSlug(request.Region))
        {
            errors.Add("region", request.Region is null ? "Required." : SlugMessage);
        }

        if (request.Ags is not null && !AgsPattern().IsMatch(request.Ags))
        {
            errors.Add("ags", "The Amtlicher Gemeindeschlüssel has exactly 8 digits.");
        }

        var website = Url(errors, "website", request.Website);
        var phone = Phone(errors, "phone", request.Phone);

        var neighbours = new List<string>();
        if (request.Neighbours is { } list)
        {
            if (list.Count > Limits.MaxNeighbours)
            {
                errors.Add("neighbours", $"At most {Limits.MaxNeighbours} neighbours.");
            }

            for (var i = 0; i < list.Count; i++)
            {
                var neighbour = list[i];
                if (!IsSlug(neighbour))
                {
                    errors.Add($"neighbours[{i}]", SlugMessage);
                }
                else if (neighbour == slug)
                {
                    errors.Add($"neighbours[{i}]", "A town is not its own neighbour.");
                }
                else if (!neighbours.Contains(neighbour!))
                {
                    neighbours.Add(neighbour!);
                }
            }
        }

        GeoLocation? location = null;
        if (request.Location is { } loc)
        {
            if (loc.Lat is not (>= -90 and <= 90))
            {
                errors.Add("location.lat", "Latitude between -90 and 90 is required.");
            }

            if (loc.Lon is not (>= -180 and <= 180))
            {
                errors.Add("location.lon", "Longitude between -180 and 180 is required.");
            }

            if (loc.Lat is { } lat && loc.Lon is { } lon)
            {
                location = new GeoLocation(lat, lon);
            }
        }

        InternalContact? internalContact = null;
        if (request.Internal is { } inner)
        {
            internalContact = new InternalContact(
                PlainText(errors, "internal.contact", inner.Contact, Limits.MaxInternalContact, required: false),
                Phone(errors, "internal.phone", inner.Phone),
                PlainText(errors, "internal.notes", inner.Notes, Limits.MaxInternalNotes, required: false));
        }

        errors.ThrowIfAny();
        return new TownProfile(slug, name!, request.Region!, request.Ags, defaultLanguage, website, phone, neighbours, location, internalContact);
    }

    /// <summary>
    /// A region's display name: at least one language (the hub's pages are German, so give <c>de</c> where you can), BCP 47
    /// tags, plain text of at most <see cref="Limits.MaxRegionName"/> characters in each. The slug is checked by the route.
    /// </summary>
    public static RegionProfile Region(string slug, RegionRequest? request)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("$", "A JSON object is required.");
            errors.ThrowIfAny();
        }

        var name = Text(errors, "name", request!.Name, RegionProfile.DefaultLanguage, Limits.MaxRegionName, required: false);
        if (!errors.Any && name.Count == 0)
        {
            errors.Add("name", "Required: the region's name in at least one language, e.g. { \"de\": \"Landkreis Tübingen\" }.");
        }

        errors.ThrowIfAny();
        return new RegionProfile(slug, name);
    }

    public static TownStatus Status(StatusRequest? request, string defaultLanguage, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("$", "A JSON object is required.");
            errors.ThrowIfAny();
        }

        if (!EnumNames.TryParseLevel(request!.Level, out var level))
        {
            errors.Add("level", "Required: one of normal, disrupted, emergency, offline.");
        }

        var headline = Text(errors, "headline", request.Headline, defaultLanguage, Limits.MaxHeadline, required: true);
        var summary = Text(errors, "summary", request.Summary, defaultLanguage, Limits.MaxSummary, required: false);
        var asOf = PastTimestamp(errors, "asOf", request.AsOf, now) ?? now;
        var moreInfo = Url(errors, "moreInfoUrl", request.MoreInfoUrl);
        errors.ThrowIfAny();
        return new TownStatus(level, headline, summary, asOf.ToUniversalTime(), moreInfo);
    }

    public static ServiceEntry Service(string serviceId, ServiceRequest? request, string defaultLanguage)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("$", "A JSON object is required.");
            errors.ThrowIfAny();
        }

        var entry = ServiceEntry(errors, "", serviceId, request!.State, request.Note, request.Name, defaultLanguage);
        errors.ThrowIfAny();
        return entry!;
    }

    public static IReadOnlyList<ServiceEntry> Services(ServiceListRequest? request, string defaultLanguage)
    {
        var errors = new ValidationErrors();
        if (request?.Services is not { } list)
        {
            errors.Add("services", "Required: an array of services.");
            errors.ThrowIfAny();
            return [];
        }

        if (list.Count > Limits.MaxServices)
        {
            errors.Add("services", $"At most {Limits.MaxServices} services.");
        }

        var result = new List<ServiceEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var prefix = $"services[{i}].";
            var item = list[i];
            if (item is null)
            {
                errors.Add($"services[{i}]", "A service object is required.");
                continue;
            }

            if (!IsSlug(item.Id))
            {
                errors.Add(prefix + "id", item.Id is null ? "Required." : SlugMessage);
                continue;
            }

            if (!seen.Add(item.Id!))
            {
                errors.Add(prefix + "id", $"Service '{item.Id}' is listed twice.");
                continue;
            }

            if (ServiceEntry(errors, prefix, item.Id!, item.State, item.Note, item.Name, defaultLanguage) is { } entry)
            {
                result.Add(entry);
            }
        }

        errors.ThrowIfAny();
        return result;
    }

    public static IReadOnlyList<QaItem> Qa(QaRequest? request, string defaultLanguage)
    {
        var errors = new ValidationErrors();
        if (request?.Items is not { } list)
        {
            errors.Add("items", "Required: an array of questions and answers.");
            errors.ThrowIfAny();
            return [];
        }

        if (list.Count > Limits.MaxQaItems)
        {
            errors.Add("items", $"At most {Limits.MaxQaItems} questions.");
        }

        var result = new List<QaItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var prefix = $"items[{i}].";
            if (list[i] is not { } item)
            {
                errors.Add($"items[{i}]", "A question object is required.");
                continue;
            }

            if (!IsSlug(item.Id))
            {
                errors.Add(prefix + "id", item.Id is null ? "Required." : SlugMessage);
            }
            else if (!seen.Add(item.Id!))
            {
                errors.Add(prefix + "id", $"Question id '{item.Id}' is used twice.");
            }

            var question = Text(errors, prefix + "question", item.Question, defaultLanguage, Limits.MaxQuestion, required: true);
            var answer = Text(errors, prefix + "answer", item.Answer, defaultLanguage, Limits.MaxAnswer, required: true);
            result.Add(new QaItem(item.Id ?? "", question, answer));
        }

        errors.ThrowIfAny();
        return result;
    }

    public static (LocalizedText Text, DateTimeOffset At) Update(UpdateRequest? request, string defaultLanguage, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("$", "A JSON object is required.");
            errors.ThrowIfAny();
        }

        var text = Text(errors, "text", request!.Text, defaultLanguage, Limits.MaxUpdateText, required: true);
        var at = PastTimestamp(errors, "at", request.At, now) ?? now;
        errors.ThrowIfAny();
        return (text, at.ToUniversalTime());
    }

    /// <summary>
    /// The language a shared incident's title, summary and updates must have: its member towns may differ in their own
    /// default language, so the hub's (<c>de</c>, the language of every page's chrome) is the one all of them can show;
    /// further languages are optional and appear on the pages in those languages.
    /// </summary>
    public const string IncidentLanguage = "de";

    /// <summary>
    /// A shared incident: title (like a headline) and summary (like a town's summary), both with <see cref="IncidentLanguage"/>;
    /// 1 to <see cref="Limits.MaxIncidentTowns"/> town slugs (duplicates dropped, not reserved site folders; whether they
    /// exist is checked against storage by the caller); startedAt required and resolvedAt optional, neither more than
    /// <see cref="Limits.MaxIncidentFuture"/> ahead of <paramref name="now"/>, resolvedAt not before startedAt; moreInfoUrl
    /// http(s) only.
    /// </summary>
    public static IncidentDefinition Incident(string id, IncidentRequest? request, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("$", "A JSON object is required.");
            errors.ThrowIfAny();
        }

        var title = Text(errors, "title", request!.Title, IncidentLanguage, Limits.MaxHeadline, required: true);
        var summary = Text(errors, "summary", request.Summary, IncidentLanguage, Limits.MaxSummary, required: true);
        var towns = TownList(errors, "towns", request.Towns);
        var startedAt = Timestamp(errors, "startedAt", request.StartedAt);
        if (request.StartedAt is null)
        {
            errors.Add("startedAt", "Required: when the incident began, e.g. 2023-10-30T06:00:00+01:00.");
        }
        else if (startedAt is { } started && started > now + Limits.MaxIncidentFuture)
        {
            errors.Add("startedAt", "Lies more than a day in the future.");
        }

        var resolvedAt = Timestamp(errors, "resolvedAt", request.ResolvedAt);
        if (resolvedAt is { } resolved)
        {
            if (resolved > now + Limits.MaxIncidentFuture)
            {
                errors.Add("resolvedAt", "Lies more than a day in the future.");
            }
            else if (startedAt is { } begun && resolved < begun)
            {
                errors.Add("resolvedAt", "Must not be before startedAt.");
            }
        }

        var moreInfo = Url(errors, "moreInfoUrl", request.MoreInfoUrl);
        errors.ThrowIfAny();
        return new IncidentDefinition(id, title, summary, towns, startedAt!.Value.ToUniversalTime(), resolvedAt?.ToUniversalTime(), moreInfo);
    }

    /// <summary>
    /// A list of 1 to <see cref="Limits.MaxIncidentTowns"/> town slugs (an incident's members, a provider key's towns), in
    /// the given order without repeats; reserved site folders are no towns. Errors go to <paramref name="field"/>.
    /// </summary>
    public static IReadOnlyList<string> TownList(ValidationErrors errors, string field, IReadOnlyList<string?>? list)
    {
        var towns = new List<string>();
        if (list is null || list.Count == 0)
        {
            errors.Add(field, $"Required: an array of 1 to {Limits.MaxIncidentTowns} town slugs.");
            return towns;
        }

        if (list.Count > Limits.MaxIncidentTowns)
        {
            errors.Add(field, $"At most {Limits.MaxIncidentTowns} towns.");
            return towns;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            if (!IsSlug(list[i]) || ReservedTownSlugs.Contains(list[i]!))
            {
                errors.Add($"{field}[{i}]", SlugMessage);
            }
            else if (seen.Add(list[i]!))
            {
                towns.Add(list[i]!);
            }
        }

        return towns;
    }

    /// <summary>Throws a 400 naming every town of <paramref name="towns"/> that is not in <paramref name="known"/>.</summary>
    public static void RequireKnownTowns(string field, IReadOnlyList<string> towns, IReadOnlySet<string> known)
    {
        var unknown = towns.Where(t => !known.Contains(t)).ToList();
        if (unknown.Count > 0)
        {
            var named = string.Join(", ", unknown.Take(20).Select(t => $"'{t}'")) + (unknown.Count > 20 ? $" and {unknown.Count - 20} more" : "");
            throw ValidationFailedException.Single(field, $"No such town: {named}. Create towns first with PUT /api/v1/towns/{{town}}.");
        }
    }

    /// <summary>
    /// An aid offer: a catalogue service (so towns can match it), slugs in forTowns other than the provider,
    /// a note, and a validUntil in the future. Whether the named towns exist is checked against storage by the caller.
    /// </summary>
    public static AidOffer AidOffer(string provider, string offerId, AidOfferRequest? request, string defaultLanguage, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("$", "A JSON object is required.");
            errors.ThrowIfAny();
        }

        if (request!.Service is null || ServiceCatalogue.Find(request.Service) is null)
        {
            errors.Add("service", "Required: a service id from the catalogue (GET /api/v1/services).");
        }

        var forTowns = new List<string>();
        var list = request.ForTowns ?? [];
        if (list.Count > Limits.MaxNeighbours)
        {
            errors.Add("forTowns", $"At most {Limits.MaxNeighbours} towns.");
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (!IsSlug(list[i]))
            {
                errors.Add($"forTowns[{i}]", SlugMessage);
            }
            else if (list[i] == provider)
            {
                errors.Add($"forTowns[{i}]", "A town cannot offer aid to itself.");
            }
            else if (!forTowns.Contains(list[i]!))
            {
                forTowns.Add(list[i]!);
            }
        }

        var note = Text(errors, "note", request.Note, defaultLanguage, Limits.MaxNote, required: false);
        var validUntil = Timestamp(errors, "validUntil", request.ValidUntil);
        if (validUntil is { } until && until <= now)
        {
            errors.Add("validUntil", "Must be in the future.");
        }
        else if (validUntil is { } far && far >= Limits.LatestValidUntil)
        {
            errors.Add("validUntil", $"Must be before {Limits.LatestValidUntil:yyyy-MM-dd} (got {far.UtcDateTime:yyyy-MM-dd}).");
        }

        errors.ThrowIfAny();
        return new AidOffer(offerId, request.Service!, forTowns, note, validUntil?.ToUniversalTime());
    }

    public static string? Label(ValidationErrors errors, string? label) =>
        PlainText(errors, "label", label, Limits.MaxLabel, required: false);

    public static bool IsLanguageTag(string? value) => value is { Length: <= 35 } && LanguageTagPattern().IsMatch(value);

    /// <summary>
    /// Null for a language a town page can be written in; else why not: a page in language L lives at /{town}/L/, and
    /// "api" (Apiaká, ISO 639-3) would take the folder of the town's Statuspage files (/{town}/api/v2/).
    /// </summary>
    private static string? ReservedLanguageMessage(string tag) =>
        Rendering.SitePaths.IsReservedTownFolder(tag)
            ? $"'{Truncate(tag)}' cannot be a page language: /{{town}}/{tag.ToLowerInvariant()}/ is the folder of other site files."
            : null;

    /// <summary>BCP 47 tags are case-insensitive; store them in their conventional case: "de", "de-CH", "sr-Latn-RS".</summary>
    public static string CanonicalLanguageTag(string tag)
    {
        // RFC 5646 §2.1.1: regions upper case, scripts title case, everything else lower case, and nothing after a
        // singleton ("x", "u") is a region or script: "de-x-ls", never "de-x-LS".
        var parts = tag.Split('-');
        var singleton = false;
        for (var i = 0; i < parts.Length; i++)
        {
            singleton |= i > 0 && parts[i].Length == 1;
            parts[i] = i == 0 || singleton ? parts[i].ToLowerInvariant()
                : parts[i].Length == 2 ? parts[i].ToUpperInvariant()
                : parts[i].Length == 4 && char.IsLetter(parts[i][0]) ? char.ToUpperInvariant(parts[i][0]) + parts[i][1..].ToLowerInvariant()
                : parts[i].ToLowerInvariant();
        }

        return string.Join('-', parts);
    }

    private const string SlugMessage = SlugRule;

    /// <summary>What a slug must be, as the validation message says it.</summary>
    public const string SlugRule = "Must match ^[a-z0-9]+(-[a-z0-9]+)*$ and be 2–63 characters long.";

    /// <summary>
    /// Top-level folders of the site (API.md, Conventions): a town with one of these slugs would overwrite or delete
    /// another part of the site on every render, so none may be created.
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedTownSlugs =
        new HashSet<string>(["regions", "incidents", "publish", "api", "docs", "openapi", "assets", "static"], StringComparer.Ordinal);

    private static ServiceEntry? ServiceEntry(
        ValidationErrors errors,
        string prefix,
        string serviceId,
        string? stateValue,
        Dictionary<string, string?>? note,
        Dictionary<string, string?>? nameValue,
        string defaultLanguage)
    {
        var before = errors.Count;
        if (!EnumNames.TryParseState(stateValue, out var state))
        {
            errors.Add(prefix + "state", "Required: one of available, limited, unavailable, unknown.");
        }

        LocalizedText? name = null;
        if (ServiceCatalogue.Find(serviceId) is null)
        {
            if (nameValue is null)
            {
                errors.Add(prefix + "name", $"'{serviceId}' is not in the service catalogue (GET /api/v1/services): a custom service needs a name.");
            }
            else
            {
                name = Text(errors, prefix + "name", nameValue, defaultLanguage, Limits.MaxServiceName, required: true);
            }
        }
        else if (nameValue is not null)
        {
            errors.Add(prefix + "name", $"'{serviceId}' is a catalogue service; its name comes from the catalogue.");
        }

        var noteText = Text(errors, prefix + "note", note, defaultLanguage, Limits.MaxNote, required: false);
        return errors.Count > before ? null : new ServiceEntry(serviceId, state, noteText, name);
    }

    /// <summary>Checks a localized text object: language tags, lengths, forbidden characters, the default language when required.</summary>
    private static LocalizedText Text(
        ValidationErrors errors,
        string field,
        Dictionary<string, string?>? value,
        string defaultLanguage,
        int maxLength,
        bool required)
    {
        var result = new LocalizedText();
        if (value is null)
        {
            if (required)
            {
                errors.Add(field, $"Required, with text in the town's default language '{defaultLanguage}'.");
            }

            return result;
        }

        if (value.Count > Limits.MaxLanguagesPerText)
        {
            errors.Add(field, $"At most {Limits.MaxLanguagesPerText} languages.");
        }

        // A default-language text that is given but broken (too long, a control character) gets that message only.
        var refused = false;
        foreach (var (language, text) in value)
        {
            var path = $"{field}.{language}";
            if (!IsLanguageTag(language))
            {
                errors.Add(field, $"'{Truncate(language)}' is not a BCP 47 language tag.");
                continue;
            }

            if (ReservedLanguageMessage(language) is { } reserved)
            {
                errors.Add(field, reserved);
                continue;
            }

            var tag = CanonicalLanguageTag(language);
            if (result.ContainsKey(tag))
            {
                errors.Add(field, $"The language '{tag}' is given twice.");
            }
            else if (PlainText(errors, path, text, maxLength, required: false) is { } clean)
            {
                result[tag] = clean;
            }
            else if (tag == defaultLanguage && !string.IsNullOrWhiteSpace(text))
            {
                refused = true;
            }
        }

        if (required && !refused && !result.ContainsKey(defaultLanguage))
        {
            errors.Add($"{field}.{defaultLanguage}", $"Required: text in the town's default language '{defaultLanguage}'.");
        }

        return result;
    }

    /// <summary>Trims, rejects control characters (except tab and line breaks) and over-long text; empty counts as absent.</summary>
    private static string? PlainText(ValidationErrors errors, string field, string? value, int maxLength, bool required)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                errors.Add(field, "Required.");
            }

            return null;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsControl(rune) && rune.Value is not ('\n' or '\r' or '\t'))
            {
                errors.Add(field, $"Contains the control character U+{rune.Value:X4}.");
                return null;
            }

            if (rune.Value is 0xFFFE or 0xFFFF)
            {
                errors.Add(field, $"Contains the non-character U+{rune.Value:X4}.");
                return null;
            }
        }

        if (text.Any(char.IsSurrogate) && !IsWellFormedUtf16(text))
        {
            errors.Add(field, "Contains an unpaired surrogate.");
            return null;
        }

        // Normalized before the length check: NFC can lengthen text (U+0958 becomes two characters).
        text = text.Normalize(NormalizationForm.FormC);
        if (text.Length > maxLength)
        {
            errors.Add(field, $"At most {maxLength} characters (got {text.Length}).");
            return null;
        }

        return text;
    }

    private static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string? Url(ValidationErrors errors, string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > Limits.MaxUrl
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host)
            || value.Any(char.IsWhiteSpace))
        {
            errors.Add(field, $"Must be an absolute https:// or http:// URL of at most {Limits.MaxUrl} characters.");
            return null;
        }

        return uri.AbsoluteUri;
    }

    private static string? Phone(ValidationErrors errors, string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > Limits.MaxPhone || !PhonePattern().IsMatch(value))
        {
            errors.Add(field, "Digits, spaces and + ( ) / - only, 3–40 characters, e.g. '+49 7473 370-0'.");
            return null;
        }

        return value;
    }

    /// <summary>
    /// A moment that has happened (asOf, an update's at): within <see cref="Limits.EarliestTimestamp"/> and
    /// <see cref="Limits.MaxClockSkew"/> after <paramref name="now"/>, one message for the one rule broken.
    /// </summary>
    private static DateTimeOffset? PastTimestamp(ValidationErrors errors, string field, string? value, DateTimeOffset now)
    {
        if (Timestamp(errors, field, value) is not { } parsed)
        {
            return null;
        }

        if (parsed < Limits.EarliestTimestamp)
        {
            errors.Add(field, $"Must be on or after {Limits.EarliestTimestamp:yyyy-MM-dd} (got {parsed.UtcDateTime:yyyy-MM-dd}).");
            return null;
        }

        var latest = now + Limits.MaxClockSkew;
        if (parsed > latest)
        {
            errors.Add(field, $"Must not be more than {Limits.MaxClockSkew.TotalHours:0} hours in the future (got {Iso(parsed)}, latest {Iso(latest)}).");
            return null;
        }

        return parsed;
    }

    /// <summary>ISO 8601 with offset; the message tells a wrong format apart from a well-formed date that does not exist.</summary>
    private static DateTimeOffset? Timestamp(ValidationErrors errors, string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!TimestampPattern().IsMatch(value))
        {
            errors.Add(field, "Must be an ISO 8601 timestamp with offset, e.g. 2023-11-20T08:15:00+01:00.");
            return null;
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            errors.Add(field, $"'{Truncate(value)}' is not a date and time that exists (month 01–12, a day of that month, hour 00–23, offset at most ±14:00).");
            return null;
        }

        return parsed;
    }

    private static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
