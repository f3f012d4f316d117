using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StatusHub.Contracts;

/// <summary>The one JSON setup of the API and the site's JSON files, passed explicitly so every host and file reads and writes identical JSON.</summary>
public static class DocumentJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>
    /// Sets <paramref name="options"/> to the API's JSON rules: the hosts apply this once to their HTTP JSON options
    /// (<c>ConfigureHttpJsonOptions</c>), so typed results and the OpenAPI document use the same rules as <see cref="Options"/>.
    /// </summary>
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.MaxDepth = 16;

        // Readable umlauts and '+' in phone numbers; the API serves JSON only with nosniff, never into HTML.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new UtcTimestampConverter());
    }

    /// <summary>A timestamp exactly as the API's JSON carries it: UTC with a <c>Z</c>, e.g. <c>2023-11-20T07:15:00Z</c>.</summary>
    public static string Timestamp(DateTimeOffset value) => UtcTimestampConverter.Format(value);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
