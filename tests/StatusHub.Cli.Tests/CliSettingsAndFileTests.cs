namespace StatusHub.Cli.Tests;

/// <summary>The client's own checks before anything is sent: server URL, town, key, and the Q&amp;A file formats.</summary>
public sealed class CliSettingsAndFileTests
{
    private static (CliSettings? Settings, string Error) Resolve(string? url, string? key = "k3y", string? town = "moessingen")
    {
        using var error = new StringWriter();
        var env = new CliEnvironment
        {
            GetVariable = name => name switch { "STATUSHUB_KEY" => key, _ => null },
            Out = TextWriter.Null,
            Error = error,
        };
        var settings = CliSettings.Resolve(env, url, town, "de", json: false, quiet: false, retries: 0, etagOnly: false, needsKey: true);
        return (settings, error.ToString());
    }

    [Theory]
    [InlineData("https://hub.example.org", "https://hub.example.org/", "https://hub.example.org/api/v1/towns/moessingen/status")]
    [InlineData("https://hub.example.org/statushub", "https://hub.example.org/statushub/", "https://hub.example.org/statushub/api/v1/towns/moessingen/status")]
    [InlineData("http://localhost:5080/", "http://localhost:5080/", "http://localhost:5080/api/v1/towns/moessingen/status")]
    public void The_base_URL_keeps_a_path_prefix(string url, string expectedBase, string expectedStatus)
    {
        var (settings, error) = Resolve(url);

        Assert.NotNull(settings);
        Assert.Equal("", error);
        Assert.Equal(expectedBase, settings.BaseUrl.ToString());
        Assert.Equal(expectedStatus, new Uri(settings.BaseUrl, settings.TownPath("/status")).ToString());
    }

    [Theory]
    [InlineData("hub.example.org")]
    [InlineData("ftp://hub.example.org")]
    [InlineData("https://user:secret@hub.example.org")]
    [InlineData("https://hub.example.org/?x=1")]
    public void A_bad_server_URL_is_a_usage_error(string url)
    {
        var (settings, error) = Resolve(url);

        Assert.Null(settings);
        Assert.Contains("must be an absolute http:// or https:// URL", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_over_plain_http_to_another_host_gives_a_warning()
    {
        var (settings, error) = Resolve("http://hub.example.org");

        Assert.NotNull(settings);
        Assert.Contains("warning: sending STATUSHUB_KEY to hub.example.org over unencrypted http://", error, StringComparison.Ordinal);
        Assert.DoesNotContain("k3y", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("key with space")]
    [InlineData("key\nX-Injected: 1")]
    [InlineData("schlüssel")]
    public void A_key_that_cannot_be_a_header_is_refused_without_printing_it(string key)
    {
        var (settings, error) = Resolve("https://hub.example.org", key);

        Assert.Null(settings);
        Assert.Contains("STATUSHUB_KEY contains characters", error, StringComparison.Ordinal);
        Assert.DoesNotContain(key, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Moessingen")]
    [InlineData("../keys")]
    [InlineData("a")]
    public void A_town_that_is_not_a_slug_is_a_usage_error(string town)
    {
        var (settings, error) = Resolve("https://hub.example.org", town: town);

        Assert.Null(settings);
        Assert.Contains("is not a town slug", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_text_before_the_first_question_is_an_error_with_its_line()
    {
        var file = Path.Combine(Path.GetTempPath(), $"statushub-qa-{Guid.NewGuid():N}.md");
        File.WriteAllText(file, "# Titel\n\nEinleitung ohne Frage.\n\n## Frage?\nAntwort.\n");
        try
        {
            var (json, error) = QaFile.Load(file, "de");

            Assert.Null(json);
            Assert.Equal($"{file}:3: text before the first '## Question' heading.", error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_JSON_array_is_wrapped_as_items_and_a_scalar_is_refused()
    {
        var file = Path.Combine(Path.GetTempPath(), $"statushub-qa-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(file, """[ { "id": "email", "question": { "de": "F?" }, "answer": { "de": "A." } } ]""");
            var (json, error) = QaFile.Load(file, "de");
            Assert.Null(error);
            Assert.Equal("""{"items":[{"id":"email","question":{"de":"F?"},"answer":{"de":"A."}}]}""", json);

            File.WriteAllText(file, "42");
            (json, error) = QaFile.Load(file, "de");
            Assert.Null(json);
            Assert.Contains("must hold a JSON object", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
