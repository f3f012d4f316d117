using System.Text;

namespace StatusHub.Browser.Tests.Infrastructure;

/// <summary>
/// Hostile strings (issue 7 "Hostile input everywhere"): markup and script injection, event handlers, javascript:
/// links, CDATA ends, a bidi override, template syntax, emoji and combining marks. Payloads that would run set
/// <c>window.__pwned</c> or open a dialog, which the browser tests watch for.
/// </summary>
public static class HostileText
{
    public static readonly string[] Corpus =
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "[x](javascript:alert(1))",
        "</script><script>alert(1)</script>",
        "]]>",
        "\u202Efdp.exe \u202E bidi",
        "{{7*7}}",
        "🚨🧑🏽‍💻🇩🇪 Notfall",
        "Z\u0351\u0345a\u0336\u0316l\u0334g\u0338o e\u0301 n\u0303",
        "<img src=x onerror=\"window.__pwned=1\">",
        "<script>window.__pwned=1</script>",
        "'><svg/onload=window.__pwned=1>",
        "<iframe srcdoc=\"<script>parent.__pwned=1</script>\"></iframe>",
        "<a href=\"javascript:window.__pwned=1\">klick</a>",
        "javascript:alert(1)",
        "<style>body{display:none}</style>",
        "<!-- <base href=\"http://evil.example/\"> -->",
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp;",
        "${alert(1)} @(1+1) <%= 7*7 %>",
    ];

    /// <summary>Markdown that tries to smuggle a link, image or raw HTML past the renderer (answers and update texts).</summary>
    public static readonly string[] Markdown =
    [
        "[klick](javascript:window.__pwned=1)",
        "[klick](JaVaScRiPt:alert(1))",
        "[klick]( javascript:alert(1) )",
        "[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[klick](vbscript:msgbox(1))",
        "![bild](javascript:alert(1))",
        "![bild](https://evil.example/x.png)",
        "<javascript:alert(1)>",
        "[ref][1]\n\n[1]: javascript:alert(1)",
        "<div onclick=\"window.__pwned=1\">**fett**</div>",
        "**<script>alert(1)</script>**",
        "- <img src=x onerror=alert(1)>\n- [x](https://example.org/\"onmouseover=\"alert(1))",
    ];

    /// <summary>Every string of the corpus once, in order, joined by spaces.</summary>
    public static string All { get; } = string.Join(" ", Corpus);

    /// <summary>Corpus strings from <paramref name="start"/> on, wrapping around, for as long as they fit <paramref name="maxLength"/>.</summary>
    public static string Fit(int maxLength, int start = 0)
    {
        var text = new StringBuilder();
        for (var i = 0; i < Corpus.Length; i++)
        {
            var next = Corpus[(start + i) % Corpus.Length];
            var separator = text.Length == 0 ? "" : " ";
            if (text.Length + separator.Length + next.Length > maxLength)
            {
                break;
            }

            text.Append(separator).Append(next);
        }

        return text.ToString();
    }

    /// <summary>The text as the API stores it (trimmed, NFC): what a page must show, character for character.</summary>
    public static string Stored(string text) => text.Trim().Normalize(NormalizationForm.FormC);
}
