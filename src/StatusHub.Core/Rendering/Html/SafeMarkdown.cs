using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace StatusHub.Core.Rendering.Html;

/// <summary>The Markdown subset of answers and updates (paragraphs, lists, bold, links) as HTML that is safe to embed in a page.</summary>
/// <remarks>
/// Raw HTML is never passed through (it shows as text); links keep their target only for https, http, mailto and tel,
/// other links and all images become their plain text; headings become paragraphs so a page keeps its one h1 and its heading order.
/// </remarks>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    private static readonly string[] AllowedPrefixes = ["https://", "http://", "mailto:", "tel:"];

    /// <summary>Renders <paramref name="markdown"/> to HTML; the result contains no raw HTML from the input and no link to another scheme.</summary>
    public static string ToHtml(string markdown)
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

        return Markdown.ToHtml(document, Pipeline);
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
