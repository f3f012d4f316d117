using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using StatusHub.Core.Documents;
using StatusHub.Core.Rendering.Html;

namespace StatusHub.Core.Rendering;

/// <summary>
/// The status badge <c>/{town}/badge.svg</c> (API.md "Static site") that the district and neighbouring towns embed with
/// <c>&lt;img&gt;</c>: the town's name on a dark field, then the level's symbol and word and the as-of date on the
/// level's tone, in the town's default language. Built as XML, so town text is always encoded; no script, style
/// sheet or external reference, and no render time, so an unchanged town gives the same bytes.
/// </summary>
public static class StatusBadge
{
    /// <summary>Longest name shown, in user-perceived characters including the "…" of a cut name; the title keeps it whole.</summary>
    public const int MaxNameLength = 32;

    public const double NameSize = 13;
    public const double LevelSize = 13;
    public const double AsOfSize = 11;

    private const string TitleId = "title";
    private const int Pad = 8;
    private const int IconSize = 16;
    private const int IconGap = 5;
    private const int FirstBaseline = 16;
    private const int SecondBaseline = 31;

    // Generous average glyph widths (em) of system-ui, as on the region map, so the estimate is never shorter than the drawn text.
    private const double BoldGlyph = 0.62;
    private const double RegularGlyph = 0.56;
    private const double WideGlyph = 1.0;

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static SiteFile Render(TownDocument document)
    {
        var labels = Labels.For(document.Town.DefaultLanguage);
        var fullName = Clean(document.Town.Name);
        var name = Shorten(fullName, MaxNameLength);
        var level = labels.Levels[document.Level];
        var asOf = document.AsOf is { } date ? string.Format(CultureInfo.InvariantCulture, labels.BadgeAsOf, PageTime.Day(date, document.Town.DefaultLanguage)) : null;
        var toneName = Palette.ToneOf(document.Level);
        var tone = Palette.Light.Tones.First(t => t.ClassName == toneName).Tone;
        var (dark, light) = (Palette.Light.Text, Palette.Light.Background);

        var height = asOf is null ? 24 : 38;
        var left = Pad + TextWidth(name, NameSize, BoldGlyph) + Pad;
        var right = Pad + Math.Max(IconSize + IconGap + TextWidth(level, LevelSize, BoldGlyph), asOf is null ? 0 : TextWidth(asOf, AsOfSize, RegularGlyph)) + Pad;
        var width = left + right;

        var svg = new XElement(
            Svg + "svg",
            new XAttribute("width", width),
            new XAttribute("height", height),
            new XAttribute("viewBox", $"0 0 {width} {height}"),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", TitleId),
            new XAttribute(XNamespace.Xml + "lang", labels.Language),
            new XAttribute("font-family", PageStyle.FontFamily),
            new XElement(Svg + "title", new XAttribute("id", TitleId), asOf is null ? $"{Isolated(fullName)}: {level}" : $"{Isolated(fullName)}: {level} – {asOf}"),

            // The level's field with an edge in its text colour (3:1 or more on white), then the name's dark field over its left part.
            Rect(0.5, 0.5, width - 1, height - 1, tone.Background, 3.5, tone.Text),
            Rect(0, 0, left, height, dark, 4, null),
            Rect(left - 4, 0, 4, height, dark, null, null),
            Clip(left, height, Text(left / 2.0, (height / 2.0) + 4.5, light, NameSize, bold: true, name, anchor: "middle", direction: Direction(name))),
            Icon(Icons.Of(document.Level), left + Pad, FirstBaseline - 12, tone.Text),
            Text(left + Pad + IconSize + IconGap, FirstBaseline, tone.Text, LevelSize, bold: true, level),
            asOf is null ? null : Text(left + Pad, SecondBaseline, tone.Text, AsOfSize, bold: false, asOf));

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            svg.WriteTo(writer);
        }

        return new SiteFile(SitePaths.Badge(document.Town.Slug), SiteFile.Svg, SiteFile.ShortCache, stream.ToArray());
    }

    /// <summary>The name cut to <paramref name="max"/> user-perceived characters, the last of them "…"; never inside a surrogate pair or before a combining mark.</summary>
    internal static string Shorten(string name, int max)
    {
        var starts = StringInfo.ParseCombiningCharacters(name);
        return starts.Length <= max ? name : name[..starts[max - 1]].TrimEnd() + "…";
    }

    /// <summary>The estimated drawn width in px: wide (East Asian, emoji) characters a full em, invisible format characters nothing.</summary>
    internal static int TextWidth(string text, double size, double glyph)
    {
        var ems = 0.0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var rune = Rune.GetRuneAt(elements.GetTextElement(), 0);
            ems += Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format ? 0 : IsWide(rune) ? WideGlyph : glyph;
        }

        return (int)Math.Ceiling(ems * size);
    }

    // One line of text that XML can carry: line breaks and tabs become spaces, characters XML forbids become U+FFFD.
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                if (clean.Length > 0 && clean[^1] != ' ')
                {
                    clean.Append(' ');
                }
            }
            else
            {
                clean.Append(IsXmlChar(rune) ? rune.ToString() : "\uFFFD");
            }
        }

        return clean.ToString().TrimEnd();
    }

    private static bool IsXmlChar(Rune rune) => rune.Value is (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or >= 0x10000;

    private static bool IsWide(Rune rune) => rune.Value is
        (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF)
        or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6) or (>= 0x1F300 and <= 0x1FAFF) or (>= 0x20000 and <= 0x3FFFD);

    // As dir="auto": the first letter decides; the name is its own <text>, so its direction never reorders the level word.
    private static string? Direction(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetter(rune))
            {
                return IsRightToLeft(rune) ? "rtl" : null;
            }
        }

        return null;
    }

    // Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms and historic scripts.
    private static bool IsRightToLeft(Rune rune) => rune.Value is
        (>= 0x0590 and <= 0x08FF) or (>= 0xFB1D and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFF) or (>= 0x10800 and <= 0x10FFF) or (>= 0x1E800 and <= 0x1EFFF);

    // Right-to-left text or bidi controls in the name must not reorder the rest of the title: isolated as <bdi> would.
    private static string Isolated(string name) =>
        name.EnumerateRunes().Any(rune => IsRightToLeft(rune) || rune.Value is 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069))
            ? $"\u2068{name}\u2069"
            : name;

    // A glyph-width estimate can be short (a name of capital W's): the name stays inside its own field.
    private static XElement Clip(int width, int height, XElement content) => new(
        Svg + "svg",
        new XAttribute("width", width),
        new XAttribute("height", height),
        new XAttribute("overflow", "hidden"),
        content);

    private static XElement Rect(double x, double y, double width, double height, string fill, double? radius, string? stroke) => new(
        Svg + "rect",
        new XAttribute("x", Number(x)),
        new XAttribute("y", Number(y)),
        new XAttribute("width", Number(width)),
        new XAttribute("height", Number(height)),
        radius is { } r ? new XAttribute("rx", Number(r)) : null,
        new XAttribute("fill", fill),
        stroke is null ? null : new XAttribute("stroke", stroke));

    private static XElement Text(double x, double y, string fill, double size, bool bold, string text, string? anchor = null, string? direction = null) => new(
        Svg + "text",
        new XAttribute("x", Number(x)),
        new XAttribute("y", Number(y)),
        new XAttribute("fill", fill),
        new XAttribute("font-size", Number(size)),
        bold ? new XAttribute("font-weight", "700") : null,
        anchor is null ? null : new XAttribute("text-anchor", anchor),
        direction is null ? null : new XAttribute("direction", direction),
        text);

    // The same strokes as the pages' symbols (Components/Icon.razor), drawn in the tone's text colour.
    private static XElement Icon(string name, double x, double y, string colour) => new(
        Svg + "svg",
        new XAttribute("x", Number(x)),
        new XAttribute("y", Number(y)),
        new XAttribute("width", IconSize),
        new XAttribute("height", IconSize),
        new XAttribute("viewBox", $"0 0 {Icons.Size} {Icons.Size}"),
        new XAttribute("fill", "none"),
        new XAttribute("stroke", colour),
        new XAttribute("stroke-width", "2.2"),
        new XAttribute("stroke-linecap", "round"),
        new XAttribute("stroke-linejoin", "round"),
        Icons.ShapesOf(name).Select(shape => shape switch
        {
            IconCircle circle => new XElement(Svg + "circle", new XAttribute("cx", circle.Cx), new XAttribute("cy", circle.Cy), new XAttribute("r", circle.R)),
            IconPath path => new XElement(Svg + "path", new XAttribute("d", path.Data)),
            _ => throw new InvalidOperationException($"Unknown icon shape {shape.GetType().Name}."),
        }));

    private static string Number(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
