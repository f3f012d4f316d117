using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StatusHub.Core.Domain;
using StatusHub.Core.Rendering.Html;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>Issue 20 item 2: the chrome is one label file per language, complete in every language and used by the pages.</summary>
public partial class LabelFilesTests
{
    /// <summary>The languages API.md promises chrome in.</summary>
    private static readonly string[] Promised = ["de", "en", "uk", "ru", "tr", "ar", "de-x-ls"];

    /// <summary>Every file in src/StatusHub.Core/Localization, by the language its name gives.</summary>
    public static TheoryData<string> Files => new(FileLanguages);

    private static IReadOnlyList<string> FileLanguages =>
        Directory.GetFiles(LocalizationFolder, "*.json").Select(path => Path.GetFileNameWithoutExtension(path)).Order(StringComparer.Ordinal).ToList();

    private static string LocalizationFolder => Path.Combine(RepositoryFiles.Root, "src", "StatusHub.Core", "Localization");

    [Fact]
    public void Every_file_in_the_folder_is_embedded_and_loaded_and_nothing_else_is()
    {
        var files = FileLanguages;

        Assert.Equal(files, Labels.ByLanguage.Keys.Order(StringComparer.Ordinal));
        Assert.Superset(files.ToHashSet(), Promised.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_file_has_every_key_of_english_and_no_other_with_the_same_placeholders(string language)
    {
        var english = Flatten(JsonNode.Parse(LabelFiles.Read("en"))!);
        var file = Flatten(JsonNode.Parse(LabelFiles.Read(language))!);

        Assert.Empty(english.Keys.Except(file.Keys).Select(key => $"missing in {language}: {key}"));
        Assert.Empty(file.Keys.Except(english.Keys).Select(key => $"unknown in {language}: {key}"));
        Assert.All(file, entry =>
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Value), $"{language}: {entry.Key} is empty");
            Assert.Equal(Placeholders(english[entry.Key]), Placeholders(entry.Value));
        });
    }

    [Fact]
    public void The_file_English_is_compared_with_has_every_key_the_labels_require()
    {
        // The comparison above is only as good as en.json: it must itself load (every required key, no unknown one).
        var english = Labels.For("en");

        Assert.Equal(Enum.GetValues<TownLevel>().Order(), english.Levels.Keys.Order());
        Assert.Equal(Enum.GetValues<ServiceState>().Order(), english.States.Keys.Order());
        Assert.Equal(Enum.GetValues<ServiceState>().Order(), english.NoticeGroups.Keys.Order());
        Assert.Equal(ServiceCatalogue.All.Select(service => service.Id).Order(StringComparer.Ordinal), english.Services.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_file_names_its_culture_and_its_day_format_reads_in_it(string language)
    {
        var labels = Labels.For(language);
        var culture = System.Globalization.CultureInfo.GetCultureInfo(labels.Culture, predefinedOnly: true);

        Assert.Equal(Languages.PrimarySubtag(language), culture.TwoLetterISOLanguageName);
        Assert.Matches("2026", PageTime.Day(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero), language));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_catalogue_names_every_service_in_every_language(string language) =>
        Assert.All(ServiceCatalogue.All, service => Assert.Equal(Labels.For(language).Services[service.Id], service.Name.In(language)));

    [Fact]
    public void Every_key_is_used_by_the_code()
    {
        var code = string.Concat(Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "src", "StatusHub.Core"), "*.*", SearchOption.AllDirectories)
            .Where(path => (path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".razor", StringComparison.Ordinal))
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(path) != "Labels.cs")
            .Select(File.ReadAllText));

        var unused = typeof(Labels).GetProperties()
            .Where(property => property.GetSetMethod() is not null && property.Name != nameof(Labels.Language))
            .Select(property => property.Name)
            .Where(name => !Regex.IsMatch(code, $@"\.{name}\b"))
            .ToList();
        Assert.Empty(unused);
    }

    [Fact]
    public void Every_console_key_is_used_by_the_console_and_every_key_it_asks_for_exists()
    {
        // The console's modules ask for their words as t('key'), en('key'), both('key'), fieldLabel('key', …) or a
        // quoted key passed on to one of them, its page as {{de:key}}, {{en:key}} or {{de:key|word}} (ConsoleFiles):
        // every key of the "console" group must appear in one of these forms.
        var assets = Path.Combine(RepositoryFiles.Root, "src", "StatusHub.Core", "PublisherConsole", "Assets");
        var modules = Directory.GetFiles(assets, "*.js").Select(File.ReadAllText).ToList();
        var scripts = string.Concat(modules);
        var page = File.ReadAllText(Path.Combine(assets, "index.html"));
        var keys = Labels.English.Console.Keys.ToList();

        Assert.NotEmpty(keys);
        Assert.Empty(keys
            .Where(key => !scripts.Contains($"'{key}'", StringComparison.Ordinal) && !Regex.IsMatch(page, $@"\{{\{{(de|en):([A-Za-z]+\|)?{key}[|}}]"))
            .Select(key => $"unused console key: {key}"));
        var asked = modules.SelectMany(module => ConsoleLookup().Matches(module)).Select(match => match.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(asked);
        Assert.Empty(asked.Where(key => !keys.Contains(key)).Select(key => $"unknown console key: {key}"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_page_in_the_files_language_shows_its_chrome_unmarked(string language)
    {
        var document = Pages.Full() with { Headline = new LocalizedText { ["de"] = "Notbetrieb", [language] = "Headline" } };
        var labels = Labels.For(language);

        var page = await Pages.RenderAsync(Pages.Model(document, language, ["de", language]));

        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        var services = page.QuerySelector("#services h2")!;
        Assert.Equal(labels.ServicesHeading, services.TextContent);
        Assert.Null(services.GetAttribute("lang"));
        Assert.Equal(labels.Levels[TownLevel.Emergency], page.QuerySelector(".level .badge")!.Text());
        Assert.Equal(labels.Services["vehicle-registration"], page.QuerySelector("#state-unavailable li:last-child strong")!.TextContent);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("fa-IR")]
    public async Task A_language_without_a_file_gets_english_chrome_marked_as_english(string language)
    {
        var document = Pages.Full() with { Headline = new LocalizedText { ["de"] = "Notbetrieb", [language] = "Titre" } };

        var page = await Pages.RenderAsync(Pages.Model(document, language, ["de", language]));

        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        var services = page.QuerySelector("#services h2")!;
        Assert.Equal(Labels.English.ServicesHeading, services.TextContent);
        Assert.Equal("en", services.GetAttribute("lang"));
        Assert.Equal("Titre", page.QuerySelector("h1")!.TextContent);
        Assert.Null(page.QuerySelector("h1")!.GetAttribute("lang"));
    }

    /// <summary>
    /// Leichte Sprache (Netzwerk Leichte Sprache, BITV 2.0): short sentences, no abbreviations. Sentences are cut at
    /// ". ", "? ", "! " and ": " (a colon starts a new statement in easy-read writing).
    /// </summary>
    [Fact]
    public void Leichte_Sprache_has_short_sentences_and_no_abbreviations()
    {
        var texts = Flatten(JsonNode.Parse(LabelFiles.Read(Languages.LeichteSprache))!)
            .Where(entry => entry.Key is not ("culture" or "dayFormat"))
            .Select(entry => entry.Value)
            .ToList();

        var sentences = texts.SelectMany(text => SentenceStop().Split(text)).ToList();
        Assert.All(sentences, sentence => Assert.True(sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 12, sentence));
        Assert.All(texts, text => Assert.DoesNotMatch(Abbreviation(), text));
    }

    private static SortedSet<string> Placeholders(string text) => new(Regex.Matches(text, @"\{\d+\}").Select(match => match.Value), StringComparer.Ordinal);

    private static Dictionary<string, string> Flatten(JsonNode node, string prefix = "")
    {
        var flat = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.AsObject())
        {
            if (value is JsonObject inner)
            {
                foreach (var entry in Flatten(inner, $"{prefix}{key}."))
                {
                    flat.Add(entry.Key, entry.Value);
                }
            }
            else
            {
                flat.Add(prefix + key, value!.GetValue<string>());
            }
        }

        return flat;
    }

    [GeneratedRegex(@"\b(?:t|en|both)\('([A-Za-z]+)'")]
    private static partial Regex ConsoleLookup();

    [GeneratedRegex(@"(?<=[.?!:])\s+")]
    private static partial Regex SentenceStop();

    [GeneratedRegex(@"\b(z\.\s?B|bzw|ggf|usw|etc|d\.\s?h|u\.\s?a|inkl|evtl|ca|Nr|Kfz|Tel)\.?(\s|$)")]
    private static partial Regex Abbreviation();
}
