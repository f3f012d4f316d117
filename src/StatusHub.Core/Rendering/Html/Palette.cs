namespace StatusHub.Core.Rendering.Html;

/// <summary>A text colour on its own background, e.g. the level badge "Notbetrieb".</summary>
internal sealed record Tone(string Text, string Background);

/// <summary>Every colour the pages use, for one colour scheme; the stylesheet takes its colours only from here, so the contrast tests see them all.</summary>
internal sealed record Palette(
    string Background,
    string Text,
    string Muted,
    string Link,
    string Line,
    string Focus,
    Tone Good,
    Tone Caution,
    Tone Severe,
    Tone Down,
    Tone Unclear)
{
    public static Palette Light { get; } = new(
        Background: "#ffffff",
        Text: "#1b1b1f",
        Muted: "#52525b",
        Link: "#0a4fa8",
        Line: "#8a8a93",
        Focus: "#0a4fa8",
        Good: new("#17612f", "#e4f4e8"),
        Caution: new("#7a4a00", "#fdf1cf"),
        Severe: new("#a3161a", "#fde6e6"),
        Down: new("#54287f", "#efe6f8"),
        Unclear: new("#45454d", "#ececef"));

    public static Palette Dark { get; } = new(
        Background: "#141417",
        Text: "#ececf0",
        Muted: "#b4b4bd",
        Link: "#93bbff",
        Line: "#6b6b75",
        Focus: "#93bbff",
        Good: new("#9fe2b0", "#123620"),
        Caution: new("#f6cf7a", "#3a2a05"),
        Severe: new("#ffaaa6", "#47100f"),
        Down: new("#d6b8fa", "#2f1a4a"),
        Unclear: new("#d0d0d8", "#2c2c33"));

    /// <summary>Black on white: print needs no colour to be understood.</summary>
    public static Palette Print { get; } = new(
        Background: "#ffffff",
        Text: "#000000",
        Muted: "#000000",
        Link: "#000000",
        Line: "#000000",
        Focus: "#000000",
        Good: new("#000000", "#ffffff"),
        Caution: new("#000000", "#ffffff"),
        Severe: new("#000000", "#ffffff"),
        Down: new("#000000", "#ffffff"),
        Unclear: new("#000000", "#ffffff"));

    /// <summary>The tones by their CSS class name.</summary>
    public IReadOnlyList<(string ClassName, Tone Tone)> Tones =>
    [
        ("good", Good),
        ("caution", Caution),
        ("severe", Severe),
        ("down", Down),
        ("unclear", Unclear),
    ];

    /// <summary>The CSS tone class of a level badge.</summary>
    public static string ToneOf(TownLevel level) => level switch
    {
        TownLevel.Normal => "good",
        TownLevel.Disrupted => "caution",
        TownLevel.Emergency => "severe",
        _ => "down",
    };

    /// <summary>The CSS tone class of a service state group.</summary>
    public static string ToneOf(ServiceState state) => state switch
    {
        ServiceState.Available => "good",
        ServiceState.Limited => "caution",
        ServiceState.Unavailable => "severe",
        _ => "unclear",
    };

    /// <summary>The custom properties that declare this palette.</summary>
    public string CustomProperties() =>
        $"--bg:{Background};--fg:{Text};--mu:{Muted};--a:{Link};--ln:{Line};--fc:{Focus};"
        + string.Concat(Tones.Select(t => $"--{t.ClassName}:{t.Tone.Text};--{t.ClassName}-bg:{t.Tone.Background};"));
}
