using System.Collections.Concurrent;
using System.Globalization;

namespace StatusHub.Core.Rendering.Html;

/// <summary>
/// What the pages need to know about a language tag: its own name for the language switch and its writing direction,
/// both from the CLDR data .NET reads through ICU (<see cref="CultureInfo.NativeName"/>,
/// <see cref="TextInfo.IsRightToLeft"/>), never from a hand list.
/// </summary>
/// <remarks>
/// A tag ICU does not know as a whole ("de-x-ls", "ar-DE") is looked up without its private-use and extension parts,
/// then as language-script, then as the language alone. A tag none of whose parts ICU knows is written left to right
/// and named by itself. The one private-use tag the hub knows by name is Leichte Sprache (<c>de-x-ls</c>): CLDR has no
/// name for it.
/// </remarks>
internal static class Languages
{
    public const string LeichteSprache = "de-x-ls";

    private static readonly ConcurrentDictionary<string, CultureInfo?> Cultures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>"de" for "de-AT" or "de-x-ls".</summary>
    public static string PrimarySubtag(string language)
    {
        var dash = language.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? language : language[..dash];
    }

    /// <summary>The language's name for itself, first letter capitalised as in a list ("Українська"); the tag itself when unknown.</summary>
    public static string Endonym(string language)
    {
        if (string.Equals(language, LeichteSprache, StringComparison.OrdinalIgnoreCase))
        {
            return "Leichte Sprache";
        }

        if (CultureOf(language) is not { } culture)
        {
            return language;
        }

        var name = culture.NativeName;
        return name.Length == 0 ? language : string.Concat(culture.TextInfo.ToUpper(name[0]).ToString(), name.AsSpan(1));
    }

    /// <summary>"rtl" or "ltr", as CLDR says for the tag's script (Arabic, Hebrew, …).</summary>
    public static string Direction(string language) => CultureOf(language)?.TextInfo.IsRightToLeft == true ? "rtl" : "ltr";

    /// <summary>The most specific culture ICU knows for the tag, or null; cached, since a render asks for every text.</summary>
    internal static CultureInfo? CultureOf(string language) => Cultures.GetOrAdd(language, static tag =>
    {
        foreach (var candidate in Candidates(tag))
        {
            try
            {
                return CultureInfo.GetCultureInfo(candidate, predefinedOnly: true);
            }
            catch (CultureNotFoundException)
            {
                // Try the next, shorter form of the tag.
            }
        }

        return null;
    });

    /// <summary>"sr-Latn-RS-x-a" → "sr-Latn-RS", "sr-Latn", "sr".</summary>
    private static IEnumerable<string> Candidates(string tag)
    {
        var parts = tag.Split('-');
        var end = Array.FindIndex(parts, 1, part => part.Length == 1); // a singleton starts the extensions or private use
        var kept = parts[..(end < 0 ? parts.Length : end)];
        yield return string.Join('-', kept);
        if (kept.Length > 2 && kept[1].Length == 4)
        {
            yield return $"{kept[0]}-{kept[1]}";
        }

        if (kept.Length > 1)
        {
            yield return kept[0];
        }
    }
}
