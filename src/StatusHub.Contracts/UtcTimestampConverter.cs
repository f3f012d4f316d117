using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StatusHub.Contracts;

/// <summary>Writes every timestamp in UTC with a <c>Z</c>, as API.md promises.</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));

    /// <summary>The timestamp as the API writes it, e.g. <c>2023-11-20T07:15:00Z</c>.</summary>
    internal static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
