using StatusHub.Core.Domain;

namespace StatusHub.Core.Validation;

/// <summary>
/// A town's profile (<c>PUT /api/v1/towns/{town}</c>, the CSV import, the demo region). Every field a towns CSV holds is
/// checked by <see cref="TownRules"/> (Contracts), the rules the CLI checks before an import; only what needs Core is here:
/// the default language (<see cref="LanguageTags"/>), the internal contact, and the domain value.
/// </summary>
internal static class TownValidator
{
    public static TownProfile Validate(string slug, TownRequest? request)
    {
        if (TownRules.ReservedSlugMessage(slug) is { } reservedSlug)
        {
            throw ValidationFailedException.Single("town", reservedSlug);
        }

        var errors = new ValidationErrors();
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

        var fields = TownRules.Fields(slug, request, errors.Add);

        InternalContact? internalContact = null;
        if (request.Internal is { } inner)
        {
            internalContact = new InternalContact(
                TextRules.Plain(errors, "internal.contact", inner.Contact, Limits.MaxInternalContact, required: false),
                TextRules.Phone(errors, "internal.phone", inner.Phone),
                TextRules.Plain(errors, "internal.notes", inner.Notes, Limits.MaxInternalNotes, required: false));
        }

        errors.ThrowIfAny();
        var location = fields.Location is { Lat: { } lat, Lon: { } lon } ? new GeoLocation(lat, lon) : null;
        return new TownProfile(
            slug, fields.Name!, fields.Region!, fields.Ags, defaultLanguage, fields.Website, fields.Phone, fields.Neighbours, location, internalContact);
    }
}
