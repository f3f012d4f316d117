using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StatusHub.Core.Rendering.Html;

/// <summary>
/// The label files (<c>src/StatusHub.Core/Localization/{tag}.json</c>), embedded in this assembly as
/// <c>StatusHub.Labels.{tag}.json</c> and found by that name: every embedded file is a language, with no list in code.
/// </summary>
/// <remarks>
/// A file must have every key (a <c>required</c> property of <see cref="Labels"/>) and no other: a missing or misspelt
/// key stops the first render with the file's name, and LabelFilesTests fail the build before that.
/// </remarks>
internal static class LabelFiles
{
    public const string ResourcePrefix = "StatusHub.Labels.";

    public const string ResourceSuffix = ".json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    private static readonly Lazy<FrozenDictionary<string, Labels>> Loaded = new(Load);

    /// <summary>Every label set, by language tag (case-insensitive).</summary>
    public static IReadOnlyDictionary<string, Labels> All => Loaded.Value;

    /// <summary>The names of the embedded label files.</summary>
    public static IEnumerable<string> ResourceNames => Assembly.GetManifestResourceNames()
        .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(ResourceSuffix, StringComparison.Ordinal));

    /// <summary>The raw text of one label file, for tests that compare the files key by key.</summary>
    public static string Read(string language)
    {
        using var stream = Assembly.GetManifestResourceStream(ResourcePrefix + language + ResourceSuffix)
            ?? throw new FileNotFoundException($"No label file for '{language}'.", ResourcePrefix + language + ResourceSuffix);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Assembly Assembly => typeof(LabelFiles).Assembly;

    private static FrozenDictionary<string, Labels> Load() => ResourceNames
        .Select(name => name[ResourcePrefix.Length..^ResourceSuffix.Length])
        .ToFrozenDictionary(language => language, Parse, StringComparer.OrdinalIgnoreCase);

    private static Labels Parse(string language)
    {
        try
        {
            var labels = JsonSerializer.Deserialize<Labels>(Read(language), Options)
                ?? throw new InvalidDataException($"The label file for '{language}' is empty.");
            return labels with { Language = language };
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The label file for '{language}' is not complete or has an unknown key: {exception.Message}", exception);
        }
    }
}
