using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using StatusHub.Core.PublisherConsole;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>The console's files: the CSP and config follow StatusHub:Console:ApiBaseUrl; the script never writes HTML.</summary>
public class ConsoleFilesTests
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
        Assert.Equal(["publish/index.html", "publish/console.css", "publish/console.js", "publish/config.json"], files.Files.Select(f => f.Path));

        // The preview's level and state words come from the label files, in every language they have.
        var labels = JsonNode.Parse(Text(files, "publish/config.json"))!["labels"]!.AsObject();
        Assert.Equal(StatusHub.Core.Rendering.Html.Labels.ByLanguage.Keys.Order(StringComparer.Ordinal), labels.Select(entry => entry.Key).Order(StringComparer.Ordinal));
        Assert.Equal("عمل محدود", labels["ar"]!["levels"]!["disrupted"]!.GetValue<string>());
        Assert.Equal("Geht nur zum Teil", labels["de-x-ls"]!["states"]!["limited"]!.GetValue<string>());
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
    public void The_script_never_writes_HTML_and_never_uses_localStorage_or_eval()
    {
        var script = Text(Files(null), "publish/console.js");

        foreach (var forbidden in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "localStorage", "eval(", "new Function" })
        {
            Assert.DoesNotContain(forbidden, script);
        }

        Assert.Contains("sessionStorage", script);
        Assert.Contains("'Authorization'", script);
    }
}
