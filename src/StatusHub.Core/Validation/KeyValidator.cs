namespace StatusHub.Core.Validation;

/// <summary>A key to create, as <c>POST /api/v1/keys</c> asks for it; whether its towns exist is checked against storage by <see cref="KnownTowns"/>.</summary>
/// <param name="Towns">A provider key's towns; null for every other scope.</param>
public sealed record KeyDefinition(KeyScope Scope, string? Town, string? Region, IReadOnlyList<string>? Towns, string Label);

/// <summary>
/// The body of <c>POST /api/v1/keys</c>: a scope, the town of a town key, the region of a region key, the towns of a
/// provider key (and none of these for another scope), an optional label.
/// </summary>
internal static class KeyValidator
{
    public static KeyDefinition Validate(KeyRequest? request)
    {
        request = TextRules.RequireObject(request);
        var errors = new ValidationErrors();
        KeyScope? scope = request.Scope switch
        {
            "admin" => KeyScope.Admin,
            "town" => KeyScope.Town,
            "region" => KeyScope.Region,
            "provider" => KeyScope.Provider,
            _ => null,
        };
        if (scope is null)
        {
            errors.Add("scope", "Required: one of admin, town, region, provider.");
        }

        Target(errors, "town", request.Town, required: scope == KeyScope.Town);
        Target(errors, "region", request.Region, required: scope == KeyScope.Region);
        IReadOnlyList<string>? towns = null;
        if (scope == KeyScope.Provider)
        {
            towns = Slugs.TownList(errors, "towns", request.Towns);
        }
        else if (request.Towns is not null)
        {
            errors.Add("towns", "Only allowed with scope 'provider'.");
        }

        var label = TextRules.Plain(errors, "label", request.Label, Limits.MaxLabel, required: false) ?? "";
        errors.ThrowIfAny();
        return new KeyDefinition(scope!.Value, scope == KeyScope.Town ? request.Town : null, scope == KeyScope.Region ? request.Region : null, towns, label);
    }

    private static void Target(ValidationErrors errors, string field, string? value, bool required)
    {
        if (required && !Slugs.IsSlug(value))
        {
            errors.Add(field, value is null ? $"Required for scope '{field}'." : "Must be a slug.");
        }
        else if (!required && value is not null)
        {
            errors.Add(field, $"Only allowed with scope '{field}'.");
        }
    }
}
