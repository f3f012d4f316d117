using System.Text.RegularExpressions;

namespace StatusHub.Core.Validation;

/// <summary>The slug rule of API.md (towns, regions, services, offers, incidents, update ids) and the lists of town slugs.</summary>
internal static partial class Slugs
{
    public const string Body = @"^[a-z0-9]+(-[a-z0-9]+)*";

    /// <summary>What a slug must be, as the validation message says it.</summary>
    public const string Rule = "Must match ^[a-z0-9]+(-[a-z0-9]+)*$ and be 2–63 characters long.";

    /// <summary>
    /// Top-level folders of the site (API.md, Conventions): a town with one of these slugs would overwrite or delete
    /// another part of the site on every render, so none may be created.
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedTownSlugs =
        new HashSet<string>(["regions", "incidents", "publish", "api", "docs", "openapi", "assets", "static"], StringComparer.Ordinal);

    [GeneratedRegex(Body + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsSlug(string? value) =>
        value is { Length: >= Limits.MinSlugLength and <= Limits.MaxSlugLength } && Pattern().IsMatch(value);

    public static string Require(string field, string? value)
    {
        if (!IsSlug(value))
        {
            throw ValidationFailedException.Single(field, Rule);
        }

        return value!;
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
                errors.Add($"{field}[{i}]", Rule);
            }
            else if (seen.Add(list[i]!))
            {
                towns.Add(list[i]!);
            }
        }

        return towns;
    }

    /// <summary>
    /// A list of other towns (a town's neighbours, an offer's forTowns): at most <see cref="Limits.MaxNeighbours"/>, slugs,
    /// never <paramref name="self"/> (<paramref name="selfMessage"/>), duplicates dropped.
    /// </summary>
    public static List<string> OtherTowns(ValidationErrors errors, string field, IReadOnlyList<string?> list, string self, string tooMany, string selfMessage)
    {
        if (list.Count > Limits.MaxNeighbours)
        {
            errors.Add(field, tooMany);
        }

        var towns = new List<string>();
        for (var i = 0; i < list.Count; i++)
        {
            if (!IsSlug(list[i]))
            {
                errors.Add($"{field}[{i}]", Rule);
            }
            else if (list[i] == self)
            {
                errors.Add($"{field}[{i}]", selfMessage);
            }
            else if (!towns.Contains(list[i]!))
            {
                towns.Add(list[i]!);
            }
        }

        return towns;
    }

    /// <summary>Throws a 400 naming every town of <paramref name="towns"/> that is not in <paramref name="known"/>.</summary>
    public static void RequireKnown(string field, IReadOnlyList<string> towns, IReadOnlySet<string> known)
    {
        var unknown = towns.Where(t => !known.Contains(t)).ToList();
        if (unknown.Count > 0)
        {
            var named = string.Join(", ", unknown.Take(20).Select(t => $"'{t}'")) + (unknown.Count > 20 ? $" and {unknown.Count - 20} more" : "");
            throw ValidationFailedException.Single(field, $"No such town: {named}. Create towns first with PUT /api/v1/towns/{{town}}.");
        }
    }
}
