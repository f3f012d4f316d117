using System.Text.Json;
using StatusHub.Server.Hosting;

namespace StatusHub.Browser.Tests.Infrastructure;

/// <summary>
/// The pages of the demo region (samples/demo/towns), read from the sample files so that a new demo town is tested
/// without touching the tests: each town's page in its default language, and its English page when its headline has
/// English text (the renderer's rule, TownSiteRenderer.LanguagesOf).
/// </summary>
public static class DemoPages
{
    public const string Index = "/";

    public static readonly string[] Regions = ["/regions/bw-tuebingen/", "/regions/bb-potsdam/"];

    public static string RepositoryRootFolder { get; } = RepositoryRoot.Find(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("The browser tests must run inside the StatusHub checkout (StatusHub.sln and package.json above the build output).");

    public static string TownsFolder { get; } = Path.Combine(RepositoryRootFolder, "samples", "demo", "towns");

    public static IReadOnlyList<SampleTown> Towns { get; } = LoadTowns();

    /// <summary>Every town page of the demo region, default language first, then the English pages.</summary>
    public static IReadOnlyList<string> TownPages { get; } =
        [.. Towns.Select(t => $"/{t.Slug}/"), .. Towns.Where(t => t.HasEnglishPage).Select(t => $"/{t.Slug}/en/")];

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
            var hasEnglishHeadline = root.GetProperty("status").GetProperty("headline").TryGetProperty("en", out var english)
                && !string.IsNullOrWhiteSpace(english.GetString());
            towns.Add(new SampleTown(slug, defaultLanguage != "en" && hasEnglishHeadline));
        }

        return towns;
    }

    public sealed record SampleTown(string Slug, bool HasEnglishPage);
}
