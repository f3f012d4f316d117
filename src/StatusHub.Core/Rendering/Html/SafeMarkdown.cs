using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StatusHub.Core.Rendering.Html;

/// <summary>The Markdown subset of answers and updates (paragraphs, lists, bold, links) as HTML that is safe to embed in a page.</summary>
/// <remarks>
/// Raw HTML is never passed through (it shows as text); links keep their target only for https, http, mailto and tel,
/// other links and all images become their plain text; headings become paragraphs so a page keeps its one h1 and its heading order.
/// </remarks>
public static partial class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    private static readonly string[] AllowedPrefixes = ["https://", "http://", "mailto:", "tel:"];

    /// <summary>Renders <paramref name="markdown"/> to HTML; the result contains no raw HTML from the input and no link to another scheme.</summary>
    public static string ToHtml(string markdown) => Markdown.ToHtml(Parse(markdown), Pipeline);

    /// <summary>
    /// Renders <paramref name="markdown"/> as plain text for places that show text only (Atom <c>type="text"</c>, CAP):
    /// no emphasis marks or link syntax; a kept link reads "text (target)" (the target alone when it is the text), list
    /// items start with "- " or their number, paragraphs are separated by one blank line. Raw HTML stays literal text.
    /// </summary>
    public static string ToPlainText(string markdown)
    {
        var document = Parse(markdown);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            var text = PlainInline(link);
            var target = link.Url!.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || link.Url.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)
                ? link.Url[(link.Url.IndexOf(':', StringComparison.Ordinal) + 1)..]
                : link.Url;
            link.ReplaceBy(new LiteralInline(text.Length == 0 || text == target || text == link.Url ? target : $"{text} ({target})"), copyChildren: false);
        }

        foreach (var list in document.Descendants<ListBlock>().ToList())
        {
            var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
            foreach (var item in list.OfType<ListItemBlock>())
            {
                var marker = list.IsOrdered ? $"{number++}{list.OrderedDelimiter} " : "- ";
                if (item.FirstOrDefault() is ParagraphBlock { Inline: { } inline })
                {
                    if (inline.FirstChild is { } first)
                    {
                        first.InsertBefore(new LiteralInline(marker));
                    }
                    else
                    {
                        inline.AppendChild(new LiteralInline(marker));
                    }
                }
            }
        }

        // Markdig's plain-text rendering (its HTML renderer without HTML), one top-level block at a time so that
        // paragraphs and lists are apart by a blank line, as they were written.
        var blocks = document.Select(block =>
        {
            using var writer = new StringWriter();
            var renderer = new HtmlRenderer(writer) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
            Pipeline.Setup(renderer);
            renderer.Render(block);
            writer.Flush();
            return string.Join('\n', writer.ToString().ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd())).Trim('\n');
        });
        return BlankLines().Replace(string.Join("\n\n", blocks.Where(text => text.Length > 0)), "\n\n").Trim();
    }

    /// <summary>The document with headings as paragraphs and only allowed links; images and other links are their text.</summary>
    private static MarkdownDocument Parse(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, Pipeline);

        foreach (var heading in document.Descendants<HeadingBlock>().ToList())
        {
            FlattenHeading(heading);
        }

        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            var url = link.GetDynamicUrl?.Invoke() ?? link.Url;
            link.GetDynamicUrl = null;
            link.Url = url;
            if (link.IsImage || !IsAllowed(url))
            {
                Unwrap(link);
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!autolink.IsEmail && !IsAllowed(autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }

        return document;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\n{3,}")]
    private static partial System.Text.RegularExpressions.Regex BlankLines();

    private static string PlainInline(ContainerInline container)
    {
        var text = new System.Text.StringBuilder();
        foreach (var inline in container.Descendants())
        {
            _ = inline switch
            {
                LiteralInline literal => text.Append(literal.Content.ToString()),
                CodeInline code => text.Append(code.Content),
                LineBreakInline => text.Append(' '),
                _ => text,
            };
        }

        return text.ToString().Trim();
    }

    /// <summary>Only absolute https, http, mailto and tel targets; the prefix check sees the URL exactly as a browser would.</summary>
    internal static bool IsAllowed(string? url) =>
        url is not null
        && AllowedPrefixes.Any(prefix => url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        && Uri.TryCreate(url, UriKind.Absolute, out _);

    // A link or image becomes its text: the words stay, the target goes.
    private static void Unwrap(LinkInline link)
    {
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }

        link.Remove();
    }

    private static void FlattenHeading(HeadingBlock heading)
    {
        var parent = heading.Parent!;
        var text = new ContainerInline();
        heading.Inline?.TransferChildrenTo(text);
        var paragraph = new ParagraphBlock { Inline = text };
        parent.Insert(parent.IndexOf(heading), paragraph);
        parent.Remove(heading);
    }
}
