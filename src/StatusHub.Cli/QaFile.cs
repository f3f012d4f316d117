using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StatusHub.Cli;

/// <summary>
/// Reads the file of <c>statushub qa push</c>: JSON in the API's shape (<c>{ "items": [...] }</c>, or just the array),
/// or Markdown (<c>.md</c>): each <c>## Question {#id}</c> heading starts an item, the paragraphs below it are the answer.
/// </summary>
internal static partial class QaFile
{
    /// <summary>Returns the JSON body to send, or an error message for the user (exit 2, nothing sent).</summary>
    public static (string? Json, string? Error) Load(string path, string language)
    {
        FileInfo file;
        try
        {
            file = new FileInfo(path);
            if (!file.Exists)
            {
                return (null, $"the file '{path}' does not exist.");
            }

            if (file.Length > Limits.MaxBodyBytes)
            {
                return (null, $"the file '{path}' is larger than the API accepts ({Limits.MaxBodyBytes / 1024} KiB).");
            }
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return (null, $"cannot read '{path}': {e.Message}");
        }

        string text;
        try
        {
            text = File.ReadAllText(file.FullName, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            return (null, $"cannot read '{path}' as UTF-8 text: {e.Message}");
        }

        return file.Extension.ToLowerInvariant() is ".md" or ".markdown" ? FromMarkdown(text, path, language) : FromJson(text, path);
    }

    private static (string?, string?) FromJson(string text, string path)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return (null, $"'{path}' is not valid JSON: {e.Message}");
        }

        return node switch
        {
            JsonObject => (text, null),
            JsonArray items => (new JsonObject { ["items"] = items.DeepClone() }.ToJsonString(), null),
            _ => (null, $"'{path}' must hold a JSON object {{ \"items\": [...] }} or an array of Q&A items."),
        };
    }

    private static (string?, string?) FromMarkdown(string text, string path, string language)
    {
        var items = new List<QaItemRequest>();
        string? id = null;
        string? question = null;
        var answer = new StringBuilder();
        var lineNumber = 0;

        void Flush()
        {
            if (question is not null)
            {
                items.Add(new QaItemRequest(
                    id ?? $"q{items.Count + 1}",
                    new Dictionary<string, string?> { [language] = question },
                    new Dictionary<string, string?> { [language] = answer.ToString().Trim() }));
            }

            answer.Clear();
        }

        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            lineNumber++;
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                var heading = Heading().Match(line[3..].Trim());
                question = heading.Groups["question"].Value.Trim();
                id = heading.Groups["id"].Success ? heading.Groups["id"].Value : null;
                continue;
            }

            if (question is null)
            {
                if (!string.IsNullOrWhiteSpace(line) && !line.StartsWith("# ", StringComparison.Ordinal))
                {
                    return (null, $"{path}:{lineNumber}: text before the first '## Question' heading.");
                }

                continue;
            }

            answer.Append(line).Append('\n');
        }

        Flush();
        if (items.Count == 0)
        {
            return (null, $"'{path}' has no '## Question' heading.");
        }

        return (JsonSerializer.Serialize(new QaRequest(items), ApiSession.RequestJsonOptions), null);
    }

    /// <summary>"Question text {#id}", the id optional.</summary>
    [GeneratedRegex(@"^(?<question>.*?)(\s*\{#(?<id>[^}\s]+)\})?$")]
    private static partial Regex Heading();
}
