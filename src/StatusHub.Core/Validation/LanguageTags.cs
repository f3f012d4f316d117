using System.Text.RegularExpressions;

namespace StatusHub.Core.Validation;

/// <summary>BCP 47 language tags: which are accepted, which a page cannot use, and their conventional case.</summary>
internal static partial class LanguageTags
{
    public const string Body = @"^[a-zA-Z]{2,3}(-[a-zA-Z]{3}){0,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?(-([a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*(-[0-9a-wyzA-WYZ](-[a-zA-Z0-9]{2,8})+)*(-[xX](-[a-zA-Z0-9]{1,8})+)?";

    // A BCP 47 language tag (RFC 5646 §2.1 "langtag"): a 2-3 letter language with up to three extended language
    // subtags, then an optional script, region, any variants and extensions, and an optional private use part
    // ("de-x-ls", Leichte Sprache, §2.2.7). The 4-8 letter language subtags are reserved or unused and refused, and so
    // are the grandfathered tags and tags that are private use as a whole ("x-…"): a page needs a real language.
    [GeneratedRegex(Body + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsLanguageTag(string? value) => value is { Length: <= 35 } && Pattern().IsMatch(value);

    /// <summary>
    /// Null for a language a town page can be written in; else why not: a page in language L lives at /{town}/L/, and
    /// "api" (Apiaká, ISO 639-3) would take the folder of the town's Statuspage files (/{town}/api/v2/).
    /// </summary>
    public static string? ReservedMessage(string tag) =>
        Rendering.SitePaths.IsReservedTownFolder(tag)
            ? $"'{TextRules.Truncate(tag)}' cannot be a page language: /{{town}}/{tag.ToLowerInvariant()}/ is the folder of other site files."
            : null;

    /// <summary>BCP 47 tags are case-insensitive; store them in their conventional case: "de", "de-CH", "sr-Latn-RS".</summary>
    public static string Canonical(string tag)
    {
        // RFC 5646 §2.1.1: regions upper case, scripts title case, everything else lower case, and nothing after a
        // singleton ("x", "u") is a region or script: "de-x-ls", never "de-x-LS".
        var parts = tag.Split('-');
        var singleton = false;
        for (var i = 0; i < parts.Length; i++)
        {
            singleton |= i > 0 && parts[i].Length == 1;
            parts[i] = i == 0 || singleton ? parts[i].ToLowerInvariant()
                : parts[i].Length == 2 ? parts[i].ToUpperInvariant()
                : parts[i].Length == 4 && char.IsLetter(parts[i][0]) ? char.ToUpperInvariant(parts[i][0]) + parts[i][1..].ToLowerInvariant()
                : parts[i].ToLowerInvariant();
        }

        return string.Join('-', parts);
    }
}
