using System.Text.RegularExpressions;

namespace StatusHub.Contracts;

/// <summary>
/// The slug of API.md and the rules of a town profile (<c>PUT /api/v1/towns/{town}</c>), with the API's messages, in the one
/// place both sides use: Core's <c>TownValidator</c> checks every field here and adds only what needs Core (the default
/// language's tag, the internal contact), and <c>statushub towns import</c> reports every error of every row of a towns CSV
/// with <see cref="Check"/> before it writes any town.
/// </summary>
public static partial class TownRules
{
    /// <summary>The slug pattern without its end anchor (the OpenAPI document appends <c>$</c>).</summary>
    public const string SlugBody = @"^[a-z0-9]+(-[a-z0-9]+)*";

    /// <summary>The Amtlicher Gemeindeschlüssel (8 digits) without its end anchor.</summary>
    public const string AgsBody = @"^[0-9]{8}";

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

    /// <summary>The error of field <c>town</c> when <paramref name="slug"/> is a folder of the site; null when it can be a town's.</summary>
    public static string? ReservedSlugMessage(string slug) =>
        ReservedTownSlugs.Contains(slug) ? $"'{slug}' is a folder of the site and cannot be a town's slug." : null;

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
        if (ReservedSlugMessage(slug) is { } reserved)
        {
            errors.Add(new("town", reserved));
            return errors;
        }

        Fields(slug, request, (field, message) => errors.Add(new(field, message)));
        return errors;
    }

    /// <summary>
    /// Checks the fields of a town profile that a towns CSV holds, in the order the API reports them (name, region, ags,
    /// website, phone, neighbours, location), reporting each problem to <paramref name="add"/>; returns their stored forms.
    /// </summary>
    public static TownFields Fields(string slug, TownRequest request, Action<string, string> add)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(add);
        var name = FieldRules.PlainText(add, "name", request.Name, Limits.MaxTownName, required: true);
        if (!IsSlug(request.Region))
        {
            add("region", request.Region is null ? "Required." : SlugRule);
        }

        if (request.Ags is not null && !AgsPattern().IsMatch(request.Ags))
        {
            add("ags", "The Amtlicher Gemeindeschlüssel has exactly 8 digits.");
        }

        var website = FieldRules.Url(add, "website", request.Website);
        var phone = FieldRules.Phone(add, "phone", request.Phone);
        var neighbours = request.Neighbours is { } list
            ? OtherTowns(add, "neighbours", list, slug, $"At most {Limits.MaxNeighbours} neighbours.", "A town is not its own neighbour.")
            : [];
        LocationRequest? location = null;
        if (request.Location is { } loc)
        {
            if (loc.Lat is not (>= -90 and <= 90))
            {
                add("location.lat", "Latitude between -90 and 90 is required.");
            }

            if (loc.Lon is not (>= -180 and <= 180))
            {
                add("location.lon", "Longitude between -180 and 180 is required.");
            }

            location = loc.Lat is not null && loc.Lon is not null ? loc : null;
        }

        return new TownFields(name, request.Region, request.Ags, website, phone, neighbours, location);
    }

    /// <summary>
    /// A list of other towns (a town's neighbours, an offer's forTowns): at most <see cref="Limits.MaxNeighbours"/>
    /// (<paramref name="tooMany"/>), slugs, never <paramref name="self"/> (<paramref name="selfMessage"/>), duplicates dropped.
    /// </summary>
    public static IReadOnlyList<string> OtherTowns(
        Action<string, string> add, string field, IReadOnlyList<string?> list, string self, string tooMany, string selfMessage)
    {
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(list);
        if (list.Count > Limits.MaxNeighbours)
        {
            add(field, tooMany);
        }

        var towns = new List<string>();
        for (var i = 0; i < list.Count; i++)
        {
            if (!IsSlug(list[i]))
            {
                add($"{field}[{i}]", SlugRule);
            }
            else if (list[i] == self)
            {
                add($"{field}[{i}]", selfMessage);
            }
            else if (!towns.Contains(list[i]!))
            {
                towns.Add(list[i]!);
            }
        }

        return towns;
    }

    [GeneratedRegex(SlugBody + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    [GeneratedRegex(AgsBody + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex AgsPattern();
}

/// <summary>
/// The fields of a town profile a towns CSV holds, in their stored form as <see cref="TownRules.Fields"/> returns them;
/// each value is only meaningful when no error was reported. <see cref="Location"/> is null unless both coordinates are given.
/// </summary>
public sealed record TownFields(
    string? Name,
    string? Region,
    string? Ags,
    string? Website,
    string? Phone,
    IReadOnlyList<string> Neighbours,
    LocationRequest? Location);
