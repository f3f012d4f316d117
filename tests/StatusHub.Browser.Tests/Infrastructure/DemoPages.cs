using System.Text.Json;
using StatusHub.Server.Hosting;

namespace StatusHub.Browser.Tests.Infrastructure;

/// <summary>
/// The pages of the demo region (samples/demo/towns), read from the sample files so that a new demo town is tested
/// without touching the tests: each town's page in its default language, and its page in every other language its
/// headline has text in (the renderer's rule, TownSiteRenderer.LanguagesOf): English, Ukrainian, Arabic, Leichte Sprache.
/// </summary>
public static class DemoPages
{
    public const string Index = "/";

    public static readonly string[] Regions = ["/regions/bw-tuebingen/", "/regions/bb-potsdam/"];

    public static string RepositoryRootFolder { get; } = RepositoryRoot.Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("The browser tests must run inside the StatusHub checkout (StatusHub.sln and package.json above the build output).");

    public static string TownsFolder { get; } = Path.Combine(RepositoryRootFolder, "samples", "demo", "towns");

    public static IReadOnlyList<SampleTown> Towns { get; } = LoadTowns();

    /// <summary>Every town page of the demo region, default languages first, then the pages in the other languages.</summary>
    public static IReadOnlyList<string> TownPages { get; } =
        [.. Towns.Select(t => $"/{t.Slug}/"), .. Towns.SelectMany(t => t.OtherLanguages.Select(language => $"/{t.Slug}/{language}/"))];

    /// <summary>The demo town's pages in languages other than German and English (issue 20), by language.</summary>
    public static IReadOnlyDictionary<string, string> FurtherLanguagePages { get; } = Towns
        .SelectMany(t => t.OtherLanguages.Where(language => language != "en").Select(language => KeyValuePair.Create(language, $"/{t.Slug}/{language}/")))
        .GroupBy(pair => pair.Key)
        .ToDictionary(group => group.Key, group => group.First().Value);

    public static IReadOnlyList<string> TownPagesAndIndexPaths { get; } = [.. TownPages, Index];

    public static IReadOnlyList<string> AllPaths { get; } = [.. TownPages, Index, .. Regions];

    public static TheoryData<string> TownPagesAndIndex() => Data(TownPagesAndIndexPaths);

    public static TheoryData<string> AllPages() => Data(AllPaths);

    private static TheoryData<string> Data(IEnumerable<string> paths)
    {
        var data = new TheoryData<string>();
        foreach (var path in paths)
        {
            data.Add(path);
        }

        return data;
    }

    private static List<SampleTown> LoadTowns()
    {
        var towns = new List<SampleTown>();
        foreach (var file in Directory.GetFiles(TownsFolder, "*.json").Order(StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = json.RootElement;
            var slug = root.GetProperty("slug").GetString()!;
            var defaultLanguage = root.GetProperty("town").TryGetProperty("defaultLanguage", out var language) ? language.GetString() ?? "de" : "de";
            var others = root.GetProperty("status").GetProperty("headline").EnumerateObject()
                .Where(text => text.Name != defaultLanguage && !string.IsNullOrWhiteSpace(text.Value.GetString()))
                .Select(text => text.Name)
                .Order(StringComparer.Ordinal)
                .ToList();
            towns.Add(new SampleTown(slug, others));
        }

        return towns;
    }

    /// <summary>A demo town and the languages other than its default that it has a page in.</summary>
    public sealed record SampleTown(string Slug, IReadOnlyList<string> OtherLanguages);
}
