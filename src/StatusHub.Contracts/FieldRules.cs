using System.Text;
using System.Text.RegularExpressions;

namespace StatusHub.Contracts;

/// <summary>
/// The field rules of API.md that every resource shares, with the API's messages: plain text, URLs, phone numbers. Core's
/// validators and <see cref="TownRules"/> (which <c>statushub towns import</c> runs before it writes anything) both use
/// these, so a rule and its message live once. Each reports its problem to <c>add(field, message)</c> and returns the
/// stored form of a valid value, null for an invalid or absent one.
/// </summary>
public static partial class FieldRules
{
    /// <summary>A phone number as the API accepts it, without its end anchor (the OpenAPI document appends <c>$</c>).</summary>
    public const string PhoneBody = @"^\+?[0-9(][0-9 ()/\-]{1,38}[0-9]";

    /// <summary>Trims, rejects control characters (except tab and line breaks), non-characters, unpaired surrogates and over-long text; empty counts as absent.</summary>
    public static string? PlainText(Action<string, string> add, string field, string? value, int maxLength, bool required)
    {
        ArgumentNullException.ThrowIfNull(add);
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                add(field, "Required.");
            }

            return null;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsControl(rune) && rune.Value is not ('\n' or '\r' or '\t'))
            {
                add(field, $"Contains the control character U+{rune.Value:X4}.");
                return null;
            }

            if (rune.Value is 0xFFFE or 0xFFFF)
            {
                add(field, $"Contains the non-character U+{rune.Value:X4}.");
                return null;
            }
        }

        // EnumerateRunes yields U+FFFD for an unpaired surrogate; the text itself tells it apart from a real U+FFFD.
        if (text.Any(char.IsSurrogate) && !IsWellFormedUtf16(text))
        {
            add(field, "Contains an unpaired surrogate.");
            return null;
        }

        // Normalized before the length check: NFC can lengthen text (U+0958 becomes two characters).
        text = text.Normalize(NormalizationForm.FormC);
        if (text.Length > maxLength)
        {
            add(field, $"At most {maxLength} characters (got {text.Length}).");
            return null;
        }

        return text;
    }

    /// <summary>An absolute http(s) URL of at most <see cref="Limits.MaxUrl"/> characters, normalized; null when absent.</summary>
    public static string? Url(Action<string, string> add, string field, string? value)
    {
        ArgumentNullException.ThrowIfNull(add);
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
            add(field, $"Must be an absolute https:// or http:// URL of at most {Limits.MaxUrl} characters.");
            return null;
        }

        return uri.AbsoluteUri;
    }

    /// <summary>A phone number: digits, spaces and + ( ) / -, 3 to <see cref="Limits.MaxPhone"/> characters; null when absent.</summary>
    public static string? Phone(Action<string, string> add, string field, string? value)
    {
        ArgumentNullException.ThrowIfNull(add);
        if (value is null)
        {
            return null;
        }

        if (value.Length > Limits.MaxPhone || !PhonePattern().IsMatch(value))
        {
            add(field, "Digits, spaces and + ( ) / - only, 3–40 characters, e.g. '+49 7473 370-0'.");
            return null;
        }

        return value;
    }

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

    [GeneratedRegex(PhoneBody + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
