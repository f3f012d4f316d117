using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StatusHub.Core.Rendering;

namespace StatusHub.Core.PublisherConsole;

/// <summary>
/// The publisher console: one HTML page, one stylesheet and its ES modules (embedded in this assembly), the generated
/// <c>labels.js</c> module with its words from the label files, and <c>config.json</c> with the API base URL, as site
/// files under <c>publish/</c>. The render job syncs them into
/// <c>$web</c> (the static website serves them in Azure); the local server serves the same files directly.
/// The page carries its Content-Security-Policy as a meta tag (the static website sets no headers); the local
/// server also sends it as a header, with <c>frame-ancestors</c>, which only works as a header.
/// </summary>
public sealed partial class ConsoleFiles : IDeploymentFiles
{
    /// <summary>The site folder of the console.</summary>
    public const string Folder = "publish/";

    string IDeploymentFiles.Folder => Folder;

    private const string CspPlaceholder = "{{CSP}}";

    public ConsoleFiles(IOptions<ConsoleOptions> options, ILogger<ConsoleFiles>? logger = null)
    {
        // A bad setting must never stop the render of the citizen pages: it is logged and the console uses its own origin.
        ApiOrigin = Origin(options.Value.ApiBaseUrl);
        if (ApiOrigin is null && !string.IsNullOrWhiteSpace(options.Value.ApiBaseUrl))
        {
            (logger ?? NullLogger<ConsoleFiles>.Instance).LogError(
                "{Setting} is not an absolute http(s) URL without query, fragment or user info (e.g. https://func-statushub.azurewebsites.net): "
                + "ignored, the console calls its own origin", $"{ConsoleOptions.Section}:{nameof(ConsoleOptions.ApiBaseUrl)}");
        }

        var apiBase = ApiOrigin is null ? "" : options.Value.ApiBaseUrl!.Trim().TrimEnd('/');
        var connect = ApiOrigin is null ? "'self'" : $"'self' {ApiOrigin}";
        ContentSecurityPolicy =
            $"default-src 'none'; script-src 'self'; style-src 'self'; connect-src {connect}; img-src 'self' data:; base-uri 'none'; form-action 'none'";

        var html = FillLabels(Asset("index.html")).Replace(CspPlaceholder, ContentSecurityPolicy, StringComparison.Ordinal);
        var config = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["apiBaseUrl"] = apiBase });
        Files =
        [
            new SiteFile(Folder + "index.html", SiteFile.Html, NoCache, Encoding.UTF8.GetBytes(html)),
            new SiteFile(Folder + "console.css", "text/css; charset=utf-8", NoCache, Encoding.UTF8.GetBytes(Asset("console.css"))),
            .. ScriptNames.Select(name => new SiteFile(Folder + name, JavaScript, NoCache, Encoding.UTF8.GetBytes(Asset(name)))),
            new SiteFile(Folder + LabelsModule, JavaScript, NoCache, Encoding.UTF8.GetBytes(LabelsModuleText())),
            new SiteFile(Folder + "config.json", SiteFile.Json, NoCache, config),
        ];
    }

    /// <summary>The module with the console's labels, generated from the label files.</summary>
    public const string LabelsModule = "labels.js";

    /// <summary>Modules are served as JavaScript (browsers refuse a module of another type).</summary>
    public const string JavaScript = "text/javascript; charset=utf-8";

    private const string AssetPrefix = "StatusHub.Console.";

    /// <summary>The embedded modules (PublisherConsole/Assets/*.js), the entry point console.js first.</summary>
    internal static IReadOnlyList<string> ScriptNames { get; } = typeof(ConsoleFiles).Assembly.GetManifestResourceNames()
        .Where(name => name.StartsWith(AssetPrefix, StringComparison.Ordinal) && name.EndsWith(".js", StringComparison.Ordinal))
        .Select(name => name[AssetPrefix.Length..])
        .OrderBy(name => name == "console.js" ? 0 : 1)
        .ThenBy(name => name, StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// <c>labels.js</c>: by language, the level and state words of every label file (src/StatusHub.Core/Localization),
    /// so the preview speaks each language as the citizen page will, and the console's own words (key <c>console</c>)
    /// of German and English, the languages the console speaks, all from the same source as the pages.
    /// </summary>
    internal static string LabelsModuleText() =>
        "// Generated from src/StatusHub.Core/Localization/*.json by ConsoleFiles: do not edit.\nexport default "
        + JsonSerializer.Serialize(ModuleLabels())
        + ";\n";

    internal static Dictionary<string, Dictionary<string, IReadOnlyDictionary<string, string>>> ModuleLabels() =>
        Rendering.Html.Labels.ByLanguage.Values.ToDictionary(
            labels => labels.Language,
            labels =>
            {
                var words = new Dictionary<string, IReadOnlyDictionary<string, string>>
                {
                    ["levels"] = labels.Levels.ToDictionary(entry => entry.Key.ToWire(), entry => entry.Value),
                    ["states"] = labels.States.ToDictionary(entry => entry.Key.ToWire(), entry => entry.Value),
                };
                if (ConsoleLanguages.Contains(labels.Language))
                {
                    words["console"] = labels.Console;
                }

                return words;
            });

    /// <summary>
    /// The page's words from the label files: <c>{{de:key}}</c> and <c>{{en:key}}</c> are the German and English text
    /// of a console label (<c>{{de:key|word}}</c> with another label's text as {0}), <c>levels.…</c> and
    /// <c>skipToContent</c> the pages' own; HTML-encoded. An unknown key stops the start (and the tests).
    /// </summary>
    internal static string FillLabels(string html) =>
        LabelPlaceholder().Replace(html, match => PageText.Encode(
            Label(match.Groups["lang"].Value, match.Groups["key"].Value, match.Groups["word"].Success ? match.Groups["word"].Value : null)));

    private static readonly HtmlEncoder PageText = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Label(string language, string key, string? word)
    {
        var labels = Rendering.Html.Labels.For(language);
        const string levels = "levels.";
        var text = key == "skipToContent" ? labels.SkipToContent
            : key.StartsWith(levels, StringComparison.Ordinal) ? labels.Levels.Single(entry => entry.Key.ToWire() == key[levels.Length..]).Value
            : labels.Console.TryGetValue(key, out var value) ? value
            : throw new InvalidOperationException($"The console page asks for the label '{key}', which the label files do not have.");
        return word is null ? text : string.Format(CultureInfo.InvariantCulture, text, Label(language, word, null));
    }

    [GeneratedRegex(@"\{\{(?<lang>de|en):(?<key>[A-Za-z.]+)(\|(?<word>[A-Za-z]+))?\}\}")]
    private static partial Regex LabelPlaceholder();

    /// <summary>The languages of the console's own words: German, with English where it says so.</summary>
    private static readonly string[] ConsoleLanguages = ["de", "en"];

    /// <summary>The console changes with a deployment: browsers revalidate every time (the files are small).</summary>
    public const string NoCache = "no-cache";

    /// <summary>The origin of the configured API (scheme://host[:port]), or null for the console's own origin.</summary>
    public string? ApiOrigin { get; }

    /// <summary>The policy of the page (meta tag and, on the local server, header).</summary>
    public string ContentSecurityPolicy { get; }

    /// <summary>index.html, console.css, the modules (console.js first), labels.js and config.json under <see cref="Folder"/>.</summary>
    public IReadOnlyList<SiteFile> Files { get; }

    /// <summary>The file at a site path such as <c>publish/console.js</c> (<c>publish/</c> is its index.html), or null.</summary>
    public SiteFile? Find(string path)
    {
        var wanted = path.EndsWith('/') ? path + "index.html" : path;
        return Files.FirstOrDefault(f => f.Path == wanted);
    }

    /// <summary>The origin (scheme://host[:port]) of an absolute http(s) URL without query, fragment or user info; else null.</summary>
    public static string? Origin(string? apiBaseUrl)
    {
        if (string.IsNullOrWhiteSpace(apiBaseUrl))
        {
            return null;
        }

        if (!Uri.TryCreate(apiBaseUrl.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority);
    }

    private static string Asset(string name)
    {
        using var stream = typeof(ConsoleFiles).Assembly.GetManifestResourceStream(AssetPrefix + name)
            ?? throw new InvalidOperationException($"The console asset '{name}' is not embedded in {typeof(ConsoleFiles).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
