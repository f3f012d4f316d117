using StatusHub.Core.Domain;

namespace StatusHub.Core.Validation;

/// <summary>A region's display name (<c>PUT /api/v1/regions/{region}</c>).</summary>
internal static class RegionValidator
{
    public static RegionProfile Validate(string slug, RegionRequest? request)
    {
        var errors = new ValidationErrors();
        request = TextRules.RequireObject(request);
        var name = TextRules.Localized(errors, "name", request.Name, RegionProfile.DefaultLanguage, Limits.MaxRegionName, required: false);
        if (!errors.Any && name.Count == 0)
        {
            errors.Add("name", "Required: the region's name in at least one language, e.g. { \"de\": \"Landkreis Tübingen\" }.");
        }

        errors.ThrowIfAny();
        return new RegionProfile(slug, name);
    }
}
