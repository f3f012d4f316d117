namespace StatusHub.Core.Validation;

/// <summary>A town's status (<c>PUT /api/v1/towns/{town}/status</c>).</summary>
internal static class StatusValidator
{
    public static TownStatus Validate(StatusRequest? request, string defaultLanguage, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        request = TextRules.RequireObject(request);
        if (!EnumNames.TryParseLevel(request.Level, out var level))
        {
            errors.Add("level", "Required: one of normal, disrupted, emergency, offline.");
        }

        var headline = TextRules.Localized(errors, "headline", request.Headline, defaultLanguage, Limits.MaxHeadline, required: true);
        var summary = TextRules.Localized(errors, "summary", request.Summary, defaultLanguage, Limits.MaxSummary, required: false);
        var asOf = Timestamps.Past(errors, "asOf", request.AsOf, now) ?? now;
        var moreInfo = TextRules.Url(errors, "moreInfoUrl", request.MoreInfoUrl);
        errors.ThrowIfAny();
        return new TownStatus(level, headline, summary, asOf.ToUniversalTime(), moreInfo);
    }
}
