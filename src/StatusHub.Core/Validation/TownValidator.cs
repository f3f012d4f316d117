using System.Text.RegularExpressions;
using StatusHub.Core.Domain;

namespace StatusHub.Core.Validation;

/// <summary>A town's profile (<c>PUT /api/v1/towns/{town}</c>, the CSV import, the demo region).</summary>
internal static partial class TownValidator
{
    public const string AgsBody = @"^[0-9]{8}";

    [GeneratedRegex(AgsBody + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex AgsPattern();

    public static TownProfile Validate(string slug, TownRequest? request)
    {
        var errors = new ValidationErrors();
        if (Slugs.ReservedTownSlugs.Contains(slug))
        {
            throw ValidationFailedException.Single("town", $"'{slug}' is a folder of the site and cannot be a town's slug.");
        }

        request = TextRules.RequireObject(request);
        var defaultLanguage = request.DefaultLanguage ?? "de";
        if (!LanguageTags.IsLanguageTag(defaultLanguage))
        {
            errors.Add("defaultLanguage", "Must be a BCP 47 language tag such as 'de', 'en' or 'de-x-ls'.");
        }
        else if (LanguageTags.ReservedMessage(defaultLanguage) is { } reserved)
        {
            errors.Add("defaultLanguage", reserved);
        }
        else
        {
            defaultLanguage = LanguageTags.Canonical(defaultLanguage);
        }

        var name = TextRules.Plain(errors, "name", request.Name, Limits.MaxTownName, required: true);
        if (!Slugs.IsSlug(request.Region))
        {
            errors.Add("region", request.Region is null ? "Required." : Slugs.Rule);
        }

        if (request.Ags is not null && !AgsPattern().IsMatch(request.Ags))
        {
            errors.Add("ags", "The Amtlicher Gemeindeschlüssel has exactly 8 digits.");
        }

        var website = TextRules.Url(errors, "website", request.Website);
        var phone = TextRules.Phone(errors, "phone", request.Phone);
        var neighbours = request.Neighbours is { } list
            ? Slugs.OtherTowns(errors, "neighbours", list, slug, $"At most {Limits.MaxNeighbours} neighbours.", "A town is not its own neighbour.")
            : [];
        var location = Location(errors, request.Location);

        InternalContact? internalContact = null;
        if (request.Internal is { } inner)
        {
            internalContact = new InternalContact(
                TextRules.Plain(errors, "internal.contact", inner.Contact, Limits.MaxInternalContact, required: false),
                TextRules.Phone(errors, "internal.phone", inner.Phone),
                TextRules.Plain(errors, "internal.notes", inner.Notes, Limits.MaxInternalNotes, required: false));
        }

        errors.ThrowIfAny();
        return new TownProfile(slug, name!, request.Region!, request.Ags, defaultLanguage, website, phone, neighbours, location, internalContact);
    }

    private static GeoLocation? Location(ValidationErrors errors, LocationRequest? request)
    {
        if (request is not { } loc)
        {
            return null;
        }

        if (loc.Lat is not (>= -90 and <= 90))
        {
            errors.Add("location.lat", "Latitude between -90 and 90 is required.");
        }

        if (loc.Lon is not (>= -180 and <= 180))
        {
            errors.Add("location.lon", "Longitude between -180 and 180 is required.");
        }

        return loc.Lat is { } lat && loc.Lon is { } lon ? new GeoLocation(lat, lon) : null;
    }
}
