using StatusHub.Core.Domain;

namespace StatusHub.Core.Validation;

/// <summary>A providing town's aid offer (<c>PUT /api/v1/towns/{town}/aid/{offerId}</c>).</summary>
internal static class AidOfferValidator
{
    public static AidOffer Validate(string provider, string offerId, AidOfferRequest? request, string defaultLanguage, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        request = TextRules.RequireObject(request);
        if (request.Service is null || ServiceCatalogue.Find(request.Service) is null)
        {
            errors.Add("service", "Required: a service id from the catalogue (GET /api/v1/services).");
        }

        var forTowns = Slugs.OtherTowns(errors, "forTowns", request.ForTowns ?? [], provider, $"At most {Limits.MaxNeighbours} towns.", "A town cannot offer aid to itself.");
        var note = TextRules.Localized(errors, "note", request.Note, defaultLanguage, Limits.MaxNote, required: false);
        var validUntil = Timestamps.Parse(errors, "validUntil", request.ValidUntil);
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
}
