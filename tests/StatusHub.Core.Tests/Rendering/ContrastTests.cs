using System.Globalization;
using StatusHub.Core.Rendering.Html;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>WCAG 2.1 AA contrast for every colour pair the pages use, in light mode, dark mode and print.</summary>
public class ContrastTests
{
    public static TheoryData<string> Schemes => new() { nameof(Palette.Light), nameof(Palette.Dark), nameof(Palette.Print) };

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Text_has_at_least_4_5_to_1(string scheme)
    {
        var palette = PaletteNamed(scheme);
        var pairs = new List<(string Name, string Foreground, string Background)>
        {
            ("text", palette.Text, palette.Background),
            ("muted text", palette.Muted, palette.Background),
            ("link", palette.Link, palette.Background),
        };
        pairs.AddRange(palette.Tones.Select(t => ($"{t.ClassName} badge", t.Tone.Text, t.Tone.Background)));

        // The "at a glance" channels: text and links (the phone number, the neighbour) on the tinted background of their state.
        pairs.AddRange(palette.Tones.Select(t => ($"text at a glance ({t.ClassName})", palette.Text, t.Tone.Background)));
        pairs.AddRange(palette.Tones.Select(t => ($"link at a glance ({t.ClassName})", palette.Link, t.Tone.Background)));

        Assert.All(pairs, pair => Assert.True(Ratio(pair.Foreground, pair.Background) >= 4.5, $"{scheme} {pair.Name}: {Ratio(pair.Foreground, pair.Background):0.00}"));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Focus_rings_symbols_and_borders_have_at_least_3_to_1(string scheme)
    {
        var palette = PaletteNamed(scheme);
        var parts = new List<(string Name, string Colour)> { ("focus ring", palette.Focus), ("separator line", palette.Line) };
        parts.AddRange(palette.Tones.Select(t => ($"{t.ClassName} symbol", t.Tone.Text)));

        Assert.All(parts, part => Assert.True(Ratio(part.Colour, palette.Background) >= 3, $"{scheme} {part.Name}: {Ratio(part.Colour, palette.Background):0.00}"));
    }

    [Fact]
    public void Ratio_matches_the_wcag_reference_values()
    {
        Assert.Equal(21, Ratio("#000000", "#ffffff"), 2);
        Assert.Equal(1, Ratio("#777777", "#777777"), 2);
        Assert.Equal(4.48, Ratio("#777777", "#ffffff"), 2);
    }

    private static Palette PaletteNamed(string scheme) => scheme switch
    {
        nameof(Palette.Light) => Palette.Light,
        nameof(Palette.Dark) => Palette.Dark,
        _ => Palette.Print,
    };

    /// <summary>The WCAG 2.1 contrast ratio of two colours "#rrggbb".</summary>
    internal static double Ratio(string a, string b)
    {
        var (first, second) = (Luminance(a), Luminance(b));
        return (Math.Max(first, second) + 0.05) / (Math.Min(first, second) + 0.05);
    }

    private static double Luminance(string hex)
    {
        double Channel(int offset)
        {
            var value = int.Parse(hex.AsSpan(1 + offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return value <= 0.03928 ? value / 12.92 : Math.Pow((value + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(0)) + (0.7152 * Channel(2)) + (0.0722 * Channel(4));
    }
}
