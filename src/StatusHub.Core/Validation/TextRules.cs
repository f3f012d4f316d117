namespace StatusHub.Core.Validation;

/// <summary>
/// The text rules every resource shares: plain text, localized text, URLs, phone numbers, a body that must be there. The
/// rules of one field (plain text, URL, phone) are <see cref="FieldRules"/>'s (Contracts), which the CLI checks too.
/// </summary>
internal static class TextRules
{
    public const string ObjectRequired = "A JSON object is required.";

    /// <summary>Throws the 400 of a missing body (JSON <c>null</c>, or nothing) unless <paramref name="request"/> is there.</summary>
    public static T RequireObject<T>(T? request)
        where T : class =>
        request ?? throw ValidationFailedException.Single("$", ObjectRequired);

    /// <summary>Checks a localized text object: language tags, lengths, forbidden characters, the default language when required.</summary>
    public static LocalizedText Localized(
        ValidationErrors errors,
        string field,
        Dictionary<string, string?>? value,
        string defaultLanguage,
        int maxLength,
        bool required)
    {
        var result = new LocalizedText();
        if (value is null)
        {
            if (required)
            {
                errors.Add(field, $"Required, with text in the town's default language '{defaultLanguage}'.");
            }

            return result;
        }

        if (value.Count > Limits.MaxLanguagesPerText)
        {
            errors.Add(field, $"At most {Limits.MaxLanguagesPerText} languages.");
        }

        // A default-language text that is given but broken (too long, a control character) gets that message only.
        var refused = false;
        foreach (var (language, text) in value)
        {
            var path = $"{field}.{language}";
            if (!LanguageTags.IsLanguageTag(language))
            {
                errors.Add(field, $"'{Truncate(language)}' is not a BCP 47 language tag.");
                continue;
            }

            if (LanguageTags.ReservedMessage(language) is { } reserved)
            {
                errors.Add(field, reserved);
                continue;
            }

            var tag = LanguageTags.Canonical(language);
            if (result.ContainsKey(tag))
            {
                errors.Add(field, $"The language '{tag}' is given twice.");
            }
            else if (Plain(errors, path, text, maxLength, required: false) is { } clean)
            {
                result[tag] = clean;
            }
            else if (tag == defaultLanguage && !string.IsNullOrWhiteSpace(text))
            {
                refused = true;
            }
        }

        if (required && !refused && !result.ContainsKey(defaultLanguage))
        {
            errors.Add($"{field}.{defaultLanguage}", $"Required: text in the town's default language '{defaultLanguage}'.");
        }

        return result;
    }

    /// <summary>Plain text: <see cref="FieldRules.PlainText"/>.</summary>
    public static string? Plain(ValidationErrors errors, string field, string? value, int maxLength, bool required) =>
        FieldRules.PlainText(errors.Add, field, value, maxLength, required);

    /// <summary>An absolute http(s) URL, normalized: <see cref="FieldRules.Url"/>.</summary>
    public static string? Url(ValidationErrors errors, string field, string? value) => FieldRules.Url(errors.Add, field, value);

    /// <summary>A phone number: <see cref="FieldRules.Phone"/>.</summary>
    public static string? Phone(ValidationErrors errors, string field, string? value) => FieldRules.Phone(errors.Add, field, value);

    /// <summary>A value quoted in a message, cut to 40 characters.</summary>
    public static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
