using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using StatusHub.Core.PublisherConsole;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>The console's files: the CSP and config follow StatusHub:Console:ApiBaseUrl; the scripts never write HTML.</summary>
public partial class ConsoleFilesTests
{
    private static ConsoleFiles Files(string? apiBaseUrl) => new(Options.Create(new ConsoleOptions { ApiBaseUrl = apiBaseUrl }));

    private static string Text(ConsoleFiles files, string path) => Encoding.UTF8.GetString(files.Find(path)!.Content);

    [Fact]
    public void Without_an_API_base_the_console_connects_to_its_own_origin_only()
    {
        var files = Files(null);

        Assert.Null(files.ApiOrigin);
        Assert.Contains("connect-src 'self';", files.ContentSecurityPolicy);
        Assert.Equal("", JsonNode.Parse(Text(files, "publish/config.json"))!["apiBaseUrl"]!.GetValue<string>());
        Assert.Equal(
            ["publish/index.html", "publish/console.css", "publish/console.js", "publish/aid.js", "publish/api.js", "publish/dom.js", "publish/editor.js",
             "publish/errors.js", "publish/languages.js", "publish/preview.js", "publish/state.js", "publish/text.js", "publish/town.js", "publish/updates.js",
             "publish/labels.js", "publish/config.json"],
            files.Files.Select(f => f.Path));
        Assert.All(files.Files.Where(f => f.Path.EndsWith(".js", StringComparison.Ordinal)), f => Assert.Equal("text/javascript; charset=utf-8", f.ContentType));

        // The preview's level and state words come from the label files, in every language they have.
        var labels = LabelsModule(files);
        Assert.Equal(StatusHub.Core.Rendering.Html.Labels.ByLanguage.Keys.Order(StringComparer.Ordinal), labels.Select(entry => entry.Key).Order(StringComparer.Ordinal));
        Assert.Equal("عمل محدود", labels["ar"]!["levels"]!["disrupted"]!.GetValue<string>());
        Assert.Equal("Geht nur zum Teil", labels["de-x-ls"]!["states"]!["limited"]!.GetValue<string>());
    }

    [Fact]
    public void The_labels_module_carries_the_consoles_own_words_in_German_and_English_from_the_label_files()
    {
        var labels = LabelsModule(Files(null));

        Assert.Equal(
            StatusHub.Core.Rendering.Html.Labels.For("de").Console["changedElsewhere"],
            labels["de"]!["console"]!["changedElsewhere"]!.GetValue<string>());
        Assert.StartsWith("Jemand anderes hat diese Gemeinde inzwischen geändert", labels["de"]!["console"]!["changedElsewhere"]!.GetValue<string>());
        Assert.Equal("Update published.", labels["en"]!["console"]!["updatePublished"]!.GetValue<string>());
        Assert.Equal(
            StatusHub.Core.Rendering.Html.Labels.For("en").Console.Keys.Order(StringComparer.Ordinal),
            labels["en"]!["console"]!.AsObject().Select(entry => entry.Key).Order(StringComparer.Ordinal));
        Assert.Null(labels["uk"]!["console"]);
    }

    [Fact]
    public void The_page_takes_its_words_from_the_label_files_encoded_and_an_unknown_key_stops_the_start()
    {
        var page = Text(Files(null), "publish/");
        var german = StatusHub.Core.Rendering.Html.Labels.For("de");
        var english = StatusHub.Core.Rendering.Html.Labels.For("en");

        Assert.DoesNotContain("{{", page);
        Assert.Contains($"<h1>{german.Console["publishHeading"]}</h1>", page);
        Assert.Contains($"<a class=\"skip\" href=\"#main\">{german.SkipToContent}</a>", page);
        Assert.Contains($"<label for=\"headline-en\">Überschrift (Englisch) <span lang=\"en\">/ Headline (English)</span></label>", page);
        Assert.Contains($"{german.Levels[StatusHub.Contracts.TownLevel.Offline]} <span lang=\"en\">/ {english.Levels[StatusHub.Contracts.TownLevel.Offline]}</span>", page);
        Assert.Contains("/ Q&amp;A</span>", page);
        Assert.Throws<InvalidOperationException>(() => ConsoleFiles.FillLabels("<p>{{de:noSuchLabel}}</p>"));
    }

    [Fact]
    public void The_page_loads_the_entry_module_and_every_module_imports_only_console_files()
    {
        var files = Files(null);
        Assert.Contains("<script type=\"module\" src=\"/publish/console.js\"></script>", Text(files, "publish/"));

        var served = files.Files.Select(f => f.Path[ConsoleFiles.Folder.Length..]).ToHashSet(StringComparer.Ordinal);
        foreach (var module in files.Files.Where(f => f.Path.EndsWith(".js", StringComparison.Ordinal)))
        {
            foreach (var import in ImportPattern().Matches(Encoding.UTF8.GetString(module.Content)).Select(match => match.Groups[1].Value))
            {
                Assert.Contains(import, served);
            }
        }
    }

    [Fact]
    public void An_API_base_adds_exactly_its_origin_to_connect_src_and_config()
    {
        var files = Files("https://func-abc.azurewebsites.net/");

        Assert.Equal("https://func-abc.azurewebsites.net", files.ApiOrigin);
        Assert.Contains("connect-src 'self' https://func-abc.azurewebsites.net;", files.ContentSecurityPolicy);
        Assert.Contains($"content=\"{files.ContentSecurityPolicy}\"", Text(files, "publish/"));
        Assert.Equal("https://func-abc.azurewebsites.net", JsonNode.Parse(Text(files, "publish/config.json"))!["apiBaseUrl"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("func-abc.azurewebsites.net")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://func.example.org/?x=1")]
    [InlineData("https://user:pw@func.example.org")]
    [InlineData("https://func.example.org; script-src *")]
    public void A_malformed_API_base_is_ignored_so_it_can_never_stop_the_render(string apiBaseUrl)
    {
        var files = Files(apiBaseUrl);

        Assert.Null(files.ApiOrigin);
        Assert.Contains("connect-src 'self';", files.ContentSecurityPolicy);
        Assert.Equal("", JsonNode.Parse(Text(files, "publish/config.json"))!["apiBaseUrl"]!.GetValue<string>());
    }

    [Fact]
    public void The_scripts_never_write_HTML_and_never_use_localStorage_or_eval()
    {
        var files = Files(null);
        var scripts = string.Concat(files.Files.Where(f => f.Path.EndsWith(".js", StringComparison.Ordinal)).Select(f => Encoding.UTF8.GetString(f.Content)));

        foreach (var forbidden in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "localStorage", "eval(", "new Function" })
        {
            Assert.DoesNotContain(forbidden, scripts);
        }

        Assert.Contains("sessionStorage", Text(files, "publish/api.js"));
        Assert.Contains("'Authorization'", Text(files, "publish/api.js"));
    }

    /// <summary>The JSON of the generated labels.js (<c>export default {…};</c>).</summary>
    private static JsonObject LabelsModule(ConsoleFiles files)
    {
        var module = Text(files, "publish/labels.js");
        const string start = "export default ";
        var json = module[(module.IndexOf(start, StringComparison.Ordinal) + start.Length)..].TrimEnd().TrimEnd(';');
        return JsonNode.Parse(json)!.AsObject();
    }

    [GeneratedRegex(@"^import [^;]+ from '\./([a-z-]+\.js)';", RegexOptions.Multiline)]
    private static partial Regex ImportPattern();
}
