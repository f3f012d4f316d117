namespace StatusHub.Core.Rendering.Html;

/// <summary>What the pages need to know about a language tag: its own name for the switch and its writing direction.</summary>
internal static class Languages
{
    // Each language names itself, so a reader finds their language without knowing the page's.
    private static readonly Dictionary<string, string> Endonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ar"] = "العربية",
        ["de"] = "Deutsch",
        ["de-x-ls"] = "Leichte Sprache",
        ["en"] = "English",
        ["es"] = "Español",
        ["fa"] = "فارسی",
        ["fr"] = "Français",
        ["it"] = "Italiano",
        ["pl"] = "Polski",
        ["ro"] = "Română",
        ["ru"] = "Русский",
        ["tr"] = "Türkçe",
        ["uk"] = "Українська",
    };

    private static readonly HashSet<string> RightToLeft = new(StringComparer.OrdinalIgnoreCase)
    {
        "ar", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi",
    };

    /// <summary>"de" for "de-AT" or "de-x-ls".</summary>
    public static string PrimarySubtag(string language)
    {
        var dash = language.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? language : language[..dash];
    }

    /// <summary>The language's name for itself; the tag itself when unknown.</summary>
    public static string Endonym(string language) =>
        Endonyms.TryGetValue(language, out var name) || Endonyms.TryGetValue(PrimarySubtag(language), out name) ? name : language;

    /// <summary>"rtl" or "ltr".</summary>
    public static string Direction(string language) => RightToLeft.Contains(PrimarySubtag(language)) ? "rtl" : "ltr";
}
