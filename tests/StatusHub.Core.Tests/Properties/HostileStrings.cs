using System.Text;
using FsCheck;
using FsCheck.Fluent;
using StatusHub.Core.Validation;

namespace StatusHub.Core.Tests.Properties;

/// <summary>Generators for the property tests: FsCheck's own strings mixed with hostile fragments, control characters, lone surrogates and long runs.</summary>
internal static class HostileStrings
{
    public static readonly string[] Fragments =
    [
        "<script>", "</script>", "]]>", "\u202E", "\0", "javascript:", "<!--", "-->", "<![CDATA[", "\"", "'", "&", "&amp;", "&#0;",
        "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "</title>", "</style>", "{{7*7}}", "[x](javascript:alert(1))",
        "**b**", "`code`", "\n", "\r\n", "\t", " ", "\u0007", "\u001B", "\u007F", "\u0085", "\u2028", "\u2029", "\uFEFF", "\u200B",
        "\uD800", "\uDC00", "\uDBFF\uDFFF", "\uD83D\uDE00", "\uFFFE", "\uFFFF", "\uFFFD", "e\u0301", "\u0958", "\u2ADC", "\uFB1D",
        "ä", "日本", "de", "en", "<", ">", "/", "\\u003c", "\u0000\u0001", "\u00A0",
    ];

    /// <summary>A single character from anywhere in the UTF-16 range, including surrogates and controls.</summary>
    private static Gen<string> AnyChar =>
        Gen.OneOf(
            Gen.Choose(0, 0xFFFF).Select(c => ((char)c).ToString()),
            Gen.Choose(0, 0x20).Select(c => ((char)c).ToString()),
            Gen.Choose(0xD800, 0xDFFF).Select(c => ((char)c).ToString()));

    private static Gen<string> Piece =>
        Gen.Frequency(
            (4, Gen.Elements(Fragments)),
            (3, AnyChar),
            (3, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "")),
            (1, Gen.Elements("a", "x", " ", "\u0958", "<", "ä").SelectMany(c => Gen.OneOf(Gen.Choose(90, 260), Gen.Choose(480, 1020), Gen.Choose(1900, 4100), Gen.Choose(4100, 9000)).Select(n => string.Concat(Enumerable.Repeat(c, n))))));

    /// <summary>Pieces the Validator should accept (printable, well-formed), so that many generated requests pass and their kept text gets checked.</summary>
    private static Gen<string> PrintablePiece =>
        Gen.Frequency(
            (4, Gen.Elements(Fragments.Where(f => IsClean(f, int.MaxValue) && !f.Contains('\uFFFE') && !f.Contains('\uFFFF')).ToArray())),
            (3, ArbMap.Default.GeneratorFor<string>().Select(s => new string((s ?? "").Where(c => !char.IsControl(c) && !char.IsSurrogate(c) && c < '\uFFFE').ToArray()))),
            (1, Gen.Elements("a", "\u0958", "\uFB1D", "<", "ä", "\u2ADC").SelectMany(c => Gen.OneOf(Gen.Choose(1, 120), Gen.Choose(90, 260), Gen.Choose(480, 1020), Gen.Choose(1900, 4100), Gen.Choose(4100, 8100)).Select(n => string.Concat(Enumerable.Repeat(c, n))))));

    /// <summary>Arbitrary text: concatenated pieces (hostile or printable), sometimes null, sometimes FsCheck's plain strings.</summary>
    public static Gen<string?> Text =>
        Gen.Frequency(
            (1, Gen.Constant<string?>(null)),
            (2, ArbMap.Default.GeneratorFor<string>().Select(s => (string?)s)),
            (5, Piece.ListOf().Select(pieces => (string?)string.Concat(pieces))),
            (6, PrintablePiece.NonEmptyListOf().Select(pieces => (string?)string.Concat(pieces))));

    public static Gen<string> NonNullText => Text.Select(s => s ?? "");

    /// <summary>Printable, well-formed text of one to three pieces: what the Validator usually accepts (unless too long).</summary>
    public static Gen<string?> Printable =>
        Gen.Choose(1, 3).SelectMany(n => PrintablePiece.ListOf(n)).Select(pieces => (string?)string.Concat(pieces));

    /// <summary>Mostly printable text, sometimes arbitrary text.</summary>
    public static Gen<string?> MostlyPrintable => Gen.Frequency((4, Printable), (1, Text));

    /// <summary>Language tags: mostly valid ones, sometimes hostile.</summary>
    public static Gen<string> Language =>
        Gen.Frequency((6, Gen.Elements("de", "en", "DE", "de-ch", "sr-Latn-RS")), (1, NonNullText));

    public static Gen<Dictionary<string, string?>?> LocalizedText =>
        Gen.Frequency(
            (1, Gen.Constant<Dictionary<string, string?>?>(null)),
            (12, from de in Printable
                 from en in Gen.Frequency((2, Gen.Constant<string?>(null)), (1, Printable))
                 select (Dictionary<string, string?>?)(en is null
                     ? new Dictionary<string, string?> { ["de"] = de }
                     : new Dictionary<string, string?> { ["de"] = de, ["en"] = en })),
            (8, Gen.Zip(Language, Text).NonEmptyListOf().Select(pairs =>
            {
                var result = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var (language, text) in pairs)
                {
                    result[language] = text;
                }

                return (Dictionary<string, string?>?)result;
            })));

    /// <summary>Either a well-formed value or arbitrary text.</summary>
    public static Gen<string?> OneOf(params string?[] good) =>
        Gen.Frequency((12, Gen.Elements(good)), (1, Text));

    /// <summary>Text that <paramref name="validate"/> (a Validator call keeping it in German) accepted, else <paramref name="fallback"/>.</summary>
    public static Gen<string> Valid(string fallback, Func<Dictionary<string, string?>, LocalizedText> validate) =>
        MostlyPrintable.Select(s =>
        {
            try
            {
                return validate(new Dictionary<string, string?> { ["de"] = s }).TryGetValue("de", out var kept) ? kept : fallback;
            }
            catch (ValidationFailedException)
            {
                return fallback;
            }
        });

    /// <summary>The property every kept text must have: no control character but tab and line breaks, no lone surrogate, within its limit.</summary>
    public static bool IsClean(string? text, int limit)
    {
        if (text is null)
        {
            return true;
        }

        if (text.Length == 0 || text.Length > limit)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
                continue;
            }

            if (char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Shows a string with its invisible characters escaped, for counterexample messages.</summary>
    public static string Show(string? text)
    {
        if (text is null)
        {
            return "null";
        }

        var builder = new StringBuilder("\"");
        foreach (var c in text.Length > 120 ? text[..120] : text)
        {
            builder.Append(c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return builder.Append(text.Length > 120 ? $"…\" (length {text.Length})" : "\"").ToString();
    }
}
