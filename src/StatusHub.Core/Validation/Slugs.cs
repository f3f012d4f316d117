namespace StatusHub.Core.Validation;

/// <summary>
/// The slug rule of API.md (towns, regions, services, offers, incidents, update ids) as Core's validators use it, and the
/// lists of town slugs. The rule itself, its message and the reserved site folders are <see cref="TownRules"/>'s (Contracts).
/// </summary>
internal static class Slugs
{
    /// <summary>What a slug must be, as the validation message says it.</summary>
    public const string Rule = TownRules.SlugRule;

    public static IReadOnlySet<string> ReservedTownSlugs => TownRules.ReservedTownSlugs;

    public static bool IsSlug(string? value) => TownRules.IsSlug(value);

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

    /// <summary>A list of other towns (a town's neighbours, an offer's forTowns): <see cref="TownRules.OtherTowns"/>.</summary>
    public static IReadOnlyList<string> OtherTowns(ValidationErrors errors, string field, IReadOnlyList<string?> list, string self, string tooMany, string selfMessage) =>
        TownRules.OtherTowns(errors.Add, field, list, self, tooMany, selfMessage);

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
