namespace StatusHub.Contracts;

/// <summary>Text keyed by BCP 47 language tag; any number of languages, never assumes two.</summary>
public sealed class LocalizedText : Dictionary<string, string>
{
    public LocalizedText()
        : base(StringComparer.Ordinal)
    {
    }

    public LocalizedText(IEnumerable<KeyValuePair<string, string>> values)
        : base(values, StringComparer.Ordinal)
    {
    }

    /// <summary>The text in <paramref name="language"/>, or null when the town gave none.</summary>
    public string? In(string language) => TryGetValue(language, out var text) ? text : null;
}
