using System.Text;
using System.Text.RegularExpressions;

namespace StatusHub.Contracts;

/// <summary>
/// The input rules a client checks before it sends anything: the slug of API.md, and the town profile
/// (<c>PUT /api/v1/towns/{town}</c>) for the columns of a towns CSV, with the API's own messages. The API validates every
/// body anyway (Core's <c>Validator</c>); this copy lets <c>statushub towns import</c> report every error of every row
/// before it writes any town. <c>TownRulesAgreementTests</c> (Core.Tests) holds it to <c>Validator.Town</c>.
/// </summary>
public static partial class TownRules
{
    /// <summary>What a slug must be, as the validation message says it.</summary>
    public const string SlugRule = "Must match ^[a-z0-9]+(-[a-z0-9]+)*$ and be 2–63 characters long.";

    /// <summary>
    /// Top-level folders of the site (API.md, Conventions): a town with one of these slugs would overwrite or delete
    /// another part of the site on every render, so none may be created.
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedTownSlugs =
        new HashSet<string>(["regions", "incidents", "publish", "api", "docs", "openapi", "assets", "static"], StringComparer.Ordinal);

    /// <summary>True when <paramref name="value"/> is a slug as API.md defines it (town, region, service, offer, incident id).</summary>
    public static bool IsSlug(string? value) =>
        value is { Length: >= Limits.MinSlugLength and <= Limits.MaxSlugLength } && SlugPattern().IsMatch(value);

    /// <summary>
    /// The errors of a town profile with the fields a towns CSV holds (no <c>defaultLanguage</c> and no <c>internal</c>:
    /// those must be null), by field name as the API's problem details name them; empty when the API accepts it.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Check(string slug, TownRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.DefaultLanguage is not null || request.Internal is not null)
        {
            throw new ArgumentException("Only the fields of a towns CSV are checked here; the API checks defaultLanguage and internal.", nameof(request));
        }

        var errors = new List<KeyValuePair<string, string>>();
        void Add(string field, string message) => errors.Add(new(field, message));

        if (ReservedTownSlugs.Contains(slug))
        {
            Add("town", $"'{slug}' is a folder of the site and cannot be a town's slug.");
            return errors;
        }

        PlainText(Add, "name", request.Name, Limits.MaxTownName, required: true);
        if (!IsSlug(request.Region))
        {
            Add("region", request.Region is null ? "Required." : SlugRule);
        }

        if (request.Ags is not null && !AgsPattern().IsMatch(request.Ags))
        {
            Add("ags", "The Amtlicher Gemeindeschlüssel has exactly 8 digits.");
        }

        if (request.Website is { } website
            && (website.Length > Limits.MaxUrl
                || !Uri.TryCreate(website, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || string.IsNullOrEmpty(uri.Host)
                || website.Any(char.IsWhiteSpace)))
        {
            Add("website", $"Must be an absolute https:// or http:// URL of at most {Limits.MaxUrl} characters.");
        }

        if (request.Phone is { } phone && (phone.Length > Limits.MaxPhone || !PhonePattern().IsMatch(phone)))
        {
            Add("phone", "Digits, spaces and + ( ) / - only, 3–40 characters, e.g. '+49 7473 370-0'.");
        }

        if (request.Neighbours is { } list)
        {
            if (list.Count > Limits.MaxNeighbours)
            {
                Add("neighbours", $"At most {Limits.MaxNeighbours} neighbours.");
            }

            for (var i = 0; i < list.Count; i++)
            {
                if (!IsSlug(list[i]))
                {
                    Add($"neighbours[{i}]", SlugRule);
                }
                else if (list[i] == slug)
                {
                    Add($"neighbours[{i}]", "A town is not its own neighbour.");
                }
            }
        }

        if (request.Location is { } location)
        {
            if (location.Lat is not (>= -90 and <= 90))
            {
                Add("location.lat", "Latitude between -90 and 90 is required.");
            }

            if (location.Lon is not (>= -180 and <= 180))
            {
                Add("location.lon", "Longitude between -180 and 180 is required.");
            }
        }

        return errors;
    }

    /// <summary>Trimmed text without control characters (but tab and line breaks), unpaired surrogates or excess length.</summary>
    private static void PlainText(Action<string, string> add, string field, string? value, int maxLength, bool required)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                add(field, "Required.");
            }

            return;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsControl(rune) && rune.Value is not ('\n' or '\r' or '\t'))
            {
                add(field, $"Contains the control character U+{rune.Value:X4}.");
                return;
            }

            if (rune.Value is 0xFFFE or 0xFFFF)
            {
                add(field, $"Contains the non-character U+{rune.Value:X4}.");
                return;
            }
        }

        // EnumerateRunes yields U+FFFD for an unpaired surrogate; the text itself tells it apart from a real U+FFFD.
        if (text.Any(char.IsSurrogate) && !IsWellFormedUtf16(text))
        {
            add(field, "Contains an unpaired surrogate.");
            return;
        }

        // Normalized before the length check: NFC can lengthen text (U+0958 becomes two characters).
        var length = text.Normalize(NormalizationForm.FormC).Length;
        if (length > maxLength)
        {
            add(field, $"At most {maxLength} characters (got {length}).");
        }
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

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^[0-9]{8}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AgsPattern();

    [GeneratedRegex(@"^\+?[0-9(][0-9 ()/\-]{1,38}[0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
