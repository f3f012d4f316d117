namespace StatusHub.Core.Rendering.Html;

/// <summary>Text chosen for a page, with the <c>lang</c>/<c>dir</c> attributes it needs when it is not in the page's language.</summary>
/// <param name="Lang">Null when the text is in the page's language.</param>
/// <param name="Dir">Null when the text runs in the page's direction.</param>
internal sealed record ShownText(string Text, string? Lang, string? Dir);

/// <summary>The language a page is rendered in, its UI labels, and the fallback rule for town text.</summary>
internal sealed class PageLanguage
{
    public PageLanguage(string code, string defaultLanguage)
    {
        Code = code;
        DefaultLanguage = defaultLanguage;
        Labels = Labels.For(code);
        Direction = Languages.Direction(code);
        var labelsDirection = Languages.Direction(Labels.Language);
        // Labels for the tag itself ("de-x-ls") or for its language ("de" for "de-AT") are the page's own; any others are marked.
        UiLang = string.Equals(code, Labels.Language, StringComparison.OrdinalIgnoreCase)
            || string.Equals(Languages.PrimarySubtag(code), Labels.Language, StringComparison.OrdinalIgnoreCase) ? null : Labels.Language;
        UiDir = labelsDirection == Direction ? null : labelsDirection;
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal);
        if (UiLang is not null)
        {
            attributes["lang"] = UiLang;
        }

        if (UiDir is not null)
        {
            attributes["dir"] = UiDir;
        }

        UiAttributes = attributes;
    }

    public string Code { get; }

    public string DefaultLanguage { get; }

    public Labels Labels { get; }

    public string Direction { get; }

    /// <summary>The <c>lang</c> of elements holding UI labels: null when the labels are in the page language, else the labels' language.</summary>
    public string? UiLang { get; }

    /// <summary>The <c>dir</c> of elements holding UI labels, when it differs from the page's.</summary>
    public string? UiDir { get; }

    /// <summary><see cref="UiLang"/> and <see cref="UiDir"/> as attributes for elements holding UI labels; empty for German and English pages.</summary>
    public IReadOnlyDictionary<string, object> UiAttributes { get; }

    /// <summary>The text in the page language, else in the town's default language, else in any language it has; null when it has none.</summary>
    public ShownText? Pick(LocalizedText? text)
    {
        if (text is null)
        {
            return null;
        }

        if (HasText(text, Code))
        {
            return Shown(text[Code], Code);
        }

        if (HasText(text, DefaultLanguage))
        {
            return Shown(text[DefaultLanguage], DefaultLanguage);
        }

        var any = text.Where(entry => !string.IsNullOrWhiteSpace(entry.Value)).OrderBy(entry => entry.Key, StringComparer.Ordinal).FirstOrDefault();
        return any.Value is null ? null : Shown(any.Value, any.Key);
    }

    private static bool HasText(LocalizedText text, string language) => !string.IsNullOrWhiteSpace(text.In(language));

    private ShownText Shown(string text, string language)
    {
        if (string.Equals(language, Code, StringComparison.OrdinalIgnoreCase))
        {
            return new ShownText(text, null, null);
        }

        var direction = Languages.Direction(language);
        return new ShownText(text, language, direction == Direction ? null : direction);
    }
}
