namespace StatusHub.Core.Validation;

/// <summary>A timeline update of a town or a shared incident (<c>POST …/updates</c>).</summary>
internal static class UpdateValidator
{
    public static (LocalizedText Text, DateTimeOffset At) Validate(UpdateRequest? request, string defaultLanguage, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        request = TextRules.RequireObject(request);
        var text = TextRules.Localized(errors, "text", request.Text, defaultLanguage, Limits.MaxUpdateText, required: true);
        var at = Timestamps.Past(errors, "at", request.At, now) ?? now;
        errors.ThrowIfAny();
        return (text, at.ToUniversalTime());
    }
}
