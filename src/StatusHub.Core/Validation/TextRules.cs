using System.Text;
using System.Text.RegularExpressions;

namespace StatusHub.Core.Validation;

/// <summary>The text rules every resource shares: plain text, localized text, URLs, phone numbers, a body that must be there.</summary>
internal static partial class TextRules
{
    public const string PhoneBody = @"^\+?[0-9(][0-9 ()/\-]{1,38}[0-9]";

    public const string ObjectRequired = "A JSON object is required.";

    [GeneratedRegex(PhoneBody + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

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

    /// <summary>Trims, rejects control characters (except tab and line breaks) and over-long text; empty counts as absent.</summary>
    public static string? Plain(ValidationErrors errors, string field, string? value, int maxLength, bool required)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                errors.Add(field, "Required.");
            }

            return null;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsControl(rune) && rune.Value is not ('\n' or '\r' or '\t'))
            {
                errors.Add(field, $"Contains the control character U+{rune.Value:X4}.");
                return null;
            }

            if (rune.Value is 0xFFFE or 0xFFFF)
            {
                errors.Add(field, $"Contains the non-character U+{rune.Value:X4}.");
                return null;
            }
        }

        if (text.Any(char.IsSurrogate) && !IsWellFormedUtf16(text))
        {
            errors.Add(field, "Contains an unpaired surrogate.");
            return null;
        }

        // Normalized before the length check: NFC can lengthen text (U+0958 becomes two characters).
        text = text.Normalize(NormalizationForm.FormC);
        if (text.Length > maxLength)
        {
            errors.Add(field, $"At most {maxLength} characters (got {text.Length}).");
            return null;
        }

        return text;
    }

    /// <summary>An absolute http(s) URL of at most <see cref="Limits.MaxUrl"/> characters, normalized; null when absent.</summary>
    public static string? Url(ValidationErrors errors, string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > Limits.MaxUrl
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host)
            || value.Any(char.IsWhiteSpace))
        {
            errors.Add(field, $"Must be an absolute https:// or http:// URL of at most {Limits.MaxUrl} characters.");
            return null;
        }

        return uri.AbsoluteUri;
    }

    public static string? Phone(ValidationErrors errors, string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > Limits.MaxPhone || !PhonePattern().IsMatch(value))
        {
            errors.Add(field, "Digits, spaces and + ( ) / - only, 3–40 characters, e.g. '+49 7473 370-0'.");
            return null;
        }

        return value;
    }

    /// <summary>A value quoted in a message, cut to 40 characters.</summary>
    public static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
