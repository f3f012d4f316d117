using StatusHub.Core.Domain;

namespace StatusHub.Core.Validation;

/// <summary>A shared incident (<c>PUT /api/v1/incidents/{incident}</c>).</summary>
internal static class IncidentValidator
{
    public static IncidentDefinition Validate(string id, IncidentRequest? request, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        request = TextRules.RequireObject(request);
        var title = TextRules.Localized(errors, "title", request.Title, Validator.IncidentLanguage, Limits.MaxHeadline, required: true);
        var summary = TextRules.Localized(errors, "summary", request.Summary, Validator.IncidentLanguage, Limits.MaxSummary, required: true);
        var towns = Slugs.TownList(errors, "towns", request.Towns);
        var startedAt = Timestamps.Parse(errors, "startedAt", request.StartedAt);
        if (request.StartedAt is null)
        {
            errors.Add("startedAt", "Required: when the incident began, e.g. 2023-10-30T06:00:00+01:00.");
        }
        else if (startedAt is { } started && started > now + Limits.MaxIncidentFuture)
        {
            errors.Add("startedAt", "Lies more than a day in the future.");
        }

        var resolvedAt = Timestamps.Parse(errors, "resolvedAt", request.ResolvedAt);
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

        var moreInfo = TextRules.Url(errors, "moreInfoUrl", request.MoreInfoUrl);
        errors.ThrowIfAny();
        return new IncidentDefinition(id, title, summary, towns, startedAt!.Value.ToUniversalTime(), resolvedAt?.ToUniversalTime(), moreInfo);
    }
}
