using System.Globalization;
using System.Text;
using System.Xml.Linq;
using StatusHub.Core.Documents;
using StatusHub.Core.Rendering;

namespace StatusHub.Core.Tests.Rendering;

/// <summary>The badge /{town}/badge.svg: valid SVG, its words in text, its level readable without colour, hostile names kept as text.</summary>
public class BadgeTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // No SVG validator is available on this machine's package sources, so "valid SVG" is checked structurally:
    // well-formed XML, every element in the SVG namespace and every element and attribute an SVG 1.1/2 name from this list.
    private static readonly Dictionary<string, HashSet<string>> Allowed = new(StringComparer.Ordinal)
    {
        ["svg"] = ["width", "height", "viewBox", "role", "aria-labelledby", "font-family", "x", "y", "fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "overflow"],
        ["title"] = ["id"],
        ["rect"] = ["x", "y", "width", "height", "rx", "fill", "stroke"],
        ["text"] = ["x", "y", "fill", "font-size", "font-weight", "text-anchor", "direction"],
        ["circle"] = ["cx", "cy", "r"],
        ["path"] = ["d"],
    };

    private static readonly DateTimeOffset December3 = new(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(1));

    private static TownDocument Moessingen(TownLevel level = TownLevel.Emergency, string language = "de") => Pages.Minimal() with
    {
        Town = new TownReference("moessingen", "Mössingen", "bw-tuebingen", null, null, language),
        Level = level,
        AsOf = December3,
    };

    private static TownDocument Named(string name) => Moessingen() with { Town = Moessingen().Town with { Name = name } };

    private static XElement Render(TownDocument document) =>
        XDocument.Parse(Encoding.UTF8.GetString(StatusBadge.Render(document).Content)).Root!;

    private static string Title(XElement svg) => svg.Element(Svg + "title")!.Value;

    private static List<string> Texts(XElement svg) => svg.Descendants(Svg + "text").Select(t => t.Value).ToList();

    private static int Width(XElement svg) => int.Parse(svg.Attribute("width")!.Value, CultureInfo.InvariantCulture);

    [Fact]
    public void Is_an_accessible_svg_image_named_by_its_title()
    {
        var file = StatusBadge.Render(Moessingen());
        var svg = XDocument.Parse(Encoding.UTF8.GetString(file.Content)).Root!;

        Assert.Equal("moessingen/badge.svg", file.Path);
        Assert.Equal("image/svg+xml", file.ContentType);
        Assert.Equal(Svg + "svg", svg.Name);
        Assert.Equal("img", svg.Attribute("role")!.Value);
        Assert.Equal("Mössingen: Notbetrieb – Stand 3. Dezember 2026", Title(svg));
        Assert.Equal(svg.Element(Svg + "title")!.Attribute("id")!.Value, svg.Attribute("aria-labelledby")!.Value);
        Assert.Same(svg.Element(Svg + "title"), svg.Elements().First());
        Assert.Equal("de", svg.Attribute(XNamespace.Xml + "lang")!.Value);
        Assert.Equal(["Mössingen", "Notbetrieb", "Stand 3. Dezember 2026"], Texts(svg));
    }

    [Fact]
    public void Is_in_the_towns_default_language()
    {
        var svg = Render(Moessingen(language: "en"));

        Assert.Equal("Mössingen: Emergency operation – As of 3 December 2026", Title(svg));
        Assert.Equal(["Mössingen", "Emergency operation", "As of 3 December 2026"], Texts(svg));

        // A language without labels of its own gets the English ones, as the pages do.
        Assert.Equal("en", Render(Moessingen(language: "fr")).Attribute(XNamespace.Xml + "lang")!.Value);
        Assert.Equal(["Mössingen", "Acil durum modu", "Durum: 3 Aralık 2026"], Texts(Render(Moessingen(language: "tr"))));
    }

    [Theory]
    [InlineData(TownLevel.Normal, "de", "Normalbetrieb")]
    [InlineData(TownLevel.Disrupted, "de", "Eingeschränkt")]
    [InlineData(TownLevel.Emergency, "de", "Notbetrieb")]
    [InlineData(TownLevel.Offline, "de", "Verwaltung nicht erreichbar")]
    [InlineData(TownLevel.Normal, "en", "Normal operation")]
    [InlineData(TownLevel.Disrupted, "en", "Disrupted")]
    [InlineData(TownLevel.Emergency, "en", "Emergency operation")]
    [InlineData(TownLevel.Offline, "en", "Administration unreachable")]
    public void Says_the_level_in_words(TownLevel level, string language, string word)
    {
        var svg = Render(Moessingen(level, language));

        Assert.Contains(word, Texts(svg));
        Assert.Contains($": {word} – ", Title(svg), StringComparison.Ordinal);
        foreach (var other in Enum.GetValues<TownLevel>().Where(l => l != level))
        {
            Assert.DoesNotContain(Texts(Render(Moessingen(other, language))), text => text == word);
        }
    }

    [Fact]
    public void Each_level_has_its_own_symbol_and_tone()
    {
        var badges = Enum.GetValues<TownLevel>().Select(level => Render(Moessingen(level))).ToList();

        Assert.Equal(4, badges.Select(b => string.Concat(b.Descendants(Svg + "path").Select(p => p.Attribute("d")!.Value))).Distinct().Count());
        Assert.Equal(4, badges.Select(b => b.Descendants(Svg + "text").ElementAt(1).Attribute("fill")!.Value).Distinct().Count());
    }

    [Fact]
    public void Without_an_as_of_time_there_is_no_stand()
    {
        var svg = Render(Moessingen() with { AsOf = null });

        Assert.Equal("Mössingen: Notbetrieb", Title(svg));
        Assert.Equal(["Mössingen", "Notbetrieb"], Texts(svg));
        Assert.True(int.Parse(svg.Attribute("height")!.Value, CultureInfo.InvariantCulture) < int.Parse(Render(Moessingen()).Attribute("height")!.Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_stand_is_the_date_in_germany()
    {
        var lateEvening = Moessingen() with { AsOf = new DateTimeOffset(2026, 12, 3, 23, 30, 0, TimeSpan.Zero) };

        Assert.Contains("Stand 4. Dezember 2026", Texts(Render(lateEvening)));
    }

    [Fact]
    public void Is_valid_svg_of_allowed_elements_and_attributes_only()
    {
        foreach (var document in Enum.GetValues<TownLevel>().Select(level => Moessingen(level)).Append(Moessingen() with { AsOf = null }))
        {
            var svg = Render(document);
            Assert.All(svg.DescendantsAndSelf(), element =>
            {
                Assert.Equal(Svg, element.Name.Namespace);
                Assert.True(Allowed.TryGetValue(element.Name.LocalName, out var attributes), $"element {element.Name.LocalName}");
                Assert.All(
                    element.Attributes().Where(a => !a.IsNamespaceDeclaration && !(element == svg && a.Name == XNamespace.Xml + "lang")),
                    attribute => Assert.True(attribute.Name.Namespace == XNamespace.None && attributes.Contains(attribute.Name.LocalName), $"{element.Name.LocalName}/@{attribute.Name}"));
            });

            var viewBox = svg.Attribute("viewBox")!.Value;
            Assert.Equal($"0 0 {svg.Attribute("width")!.Value} {svg.Attribute("height")!.Value}", viewBox);
        }
    }

    [Fact]
    public void Refers_to_nothing_outside_and_runs_nothing()
    {
        var bytes = StatusBadge.Render(Named("<script>alert(1)</script>")).Content;
        var text = Encoding.UTF8.GetString(bytes);
        var svg = XDocument.Parse(text).Root!;

        Assert.DoesNotContain(svg.DescendantsAndSelf(), e => e.Name.LocalName is "script" or "foreignObject" or "style" or "image" or "use" or "a");
        Assert.DoesNotContain(svg.DescendantsAndSelf().Attributes(), a => a.Name.LocalName is "href" or "style" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal) || a.Value.Contains("url(", StringComparison.Ordinal));
        Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("xlink", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_legible_at_its_own_size()
    {
        var svg = Render(Moessingen());

        Assert.Contains("sans-serif", svg.Attribute("font-family")!.Value, StringComparison.Ordinal);
        Assert.All(svg.Descendants(Svg + "text"), text => Assert.True(double.Parse(text.Attribute("font-size")!.Value, CultureInfo.InvariantCulture) >= 11, text.Value));
    }

    [Theory]
    [MemberData(nameof(HostileTextTests.Payloads), MemberType = typeof(HostileTextTests))]
    public void A_hostile_name_is_text(string payload)
    {
        var bytes = StatusBadge.Render(Named(payload)).Content;
        var svg = XDocument.Parse(Encoding.UTF8.GetString(bytes)).Root!;

        Assert.Contains(payload, Title(svg), StringComparison.Ordinal);
        var shown = payload.Length <= StatusBadge.MaxNameLength ? payload : payload[..(StatusBadge.MaxNameLength - 1)].TrimEnd() + "…";
        Assert.Equal(shown, Texts(svg)[0]);
        Assert.All(svg.DescendantsAndSelf(), element => Assert.Contains(element.Name.LocalName, Allowed.Keys));
        Assert.DoesNotContain("<script", Encoding.UTF8.GetString(bytes), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_name_with_bidi_controls_or_right_to_left_text_cannot_reorder_the_rest()
    {
        var overriding = Render(Named("Bidi \u202Eevil"));
        Assert.Equal("\u2068Bidi \u202Eevil\u2069: Notbetrieb – Stand 3. Dezember 2026", Title(overriding));

        var arabic = Render(Named("القدس"));
        Assert.Equal("rtl", arabic.Descendants(Svg + "text").First().Attribute("direction")!.Value);
        Assert.Null(arabic.Descendants(Svg + "text").ElementAt(1).Attribute("direction"));
        Assert.Null(Render(Moessingen()).Descendants(Svg + "text").First().Attribute("direction"));
    }

    [Fact]
    public void A_long_name_is_cut_and_the_width_stays_bounded()
    {
        var hundred = string.Concat(Enumerable.Repeat("Langername ", 10)).TrimEnd()[..100];
        var svg = Render(Named(hundred));

        var shown = Texts(svg)[0];
        Assert.EndsWith("…", shown, StringComparison.Ordinal);
        Assert.True(new StringInfo(shown).LengthInTextElements <= StatusBadge.MaxNameLength, shown);
        Assert.StartsWith(shown[..^1], hundred, StringComparison.Ordinal);
        Assert.DoesNotContain(" …", shown, StringComparison.Ordinal);
        Assert.Contains(hundred, Title(svg), StringComparison.Ordinal);
        Assert.True(Width(svg) <= 600, $"{Width(svg)} px");
        Assert.Equal(Width(svg), Width(Render(Named(hundred[..60]))));
        Assert.Equal(Width(Render(Named(new string('W', 100)))), Width(Render(Named(new string('W', 40)))));
    }

    [Fact]
    public void A_name_is_never_cut_inside_a_character()
    {
        var castles = Render(Named(string.Concat(Enumerable.Repeat("\U0001F3F0", 50))));
        var accents = Render(Named(string.Concat(Enumerable.Repeat("e\u0301", 50))));

        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        Assert.Equal(StatusBadge.MaxNameLength - 1, strict.GetByteCount(Texts(castles)[0][..^1]) / 4);
        Assert.EndsWith("e\u0301…", Texts(accents)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_width_follows_the_text()
    {
        var (brief, lengthy) = (Render(Named("Au")), Render(Named("Villingen-Schwenningen")));

        Assert.True(Width(brief) < Width(lengthy));
        var nameField = lengthy.Elements(Svg + "rect").ElementAt(1);
        Assert.True(int.Parse(nameField.Attribute("width")!.Value, CultureInfo.InvariantCulture) >= "Villingen-Schwenningen".Length * 13 * 0.6);
    }

    [Fact]
    public void Line_breaks_and_characters_xml_cannot_carry_do_not_break_it()
    {
        var svg = Render(Named("Ober-\nUnter\tdorf\uFFFE"));

        Assert.Equal("Ober- Unter dorf\uFFFD", Texts(svg)[0]);
    }

    [Theory]
    [InlineData(TownLevel.Normal)]
    [InlineData(TownLevel.Disrupted)]
    [InlineData(TownLevel.Emergency)]
    [InlineData(TownLevel.Offline)]
    public void Its_words_have_at_least_4_5_to_1_and_its_symbol_3_to_1(TownLevel level)
    {
        var svg = Render(Moessingen(level));
        var rects = svg.Descendants(Svg + "rect").ToList();

        // The colour under a point is the fill of the last rectangle that covers it.
        string Under(double x, double y) => rects.Last(r =>
            Number(r, "x") <= x && x <= Number(r, "x") + Number(r, "width") && Number(r, "y") <= y && y <= Number(r, "y") + Number(r, "height")).Attribute("fill")!.Value;

        Assert.All(svg.Descendants(Svg + "text"), text =>
        {
            var ratio = ContrastTests.Ratio(text.Attribute("fill")!.Value, Under(Number(text, "x"), Number(text, "y") - 4));
            Assert.True(ratio >= 4.5, $"{text.Value}: {ratio:0.00}");
        });

        var icon = svg.Elements(Svg + "svg").Single(e => e.Attribute("stroke") is not null);
        var symbol = ContrastTests.Ratio(icon.Attribute("stroke")!.Value, Under(Number(icon, "x") + 8, Number(icon, "y") + 8));
        Assert.True(symbol >= 3, $"symbol: {symbol:0.00}");
    }

    [Fact]
    public async Task Is_rendered_with_the_town_and_its_bytes_do_not_depend_on_the_render_time()
    {
        var renderer = new TownSiteRenderer(Pages.Html);
        var first = await renderer.RenderTownAsync(Moessingen(), Pages.Site, Pages.RenderedAt);
        var later = await renderer.RenderTownAsync(Moessingen(), Pages.Site, Pages.RenderedAt.AddDays(1));

        var badge = Assert.Single(first, f => f.Path == "moessingen/badge.svg");
        Assert.Equal("image/svg+xml", badge.ContentType);
        Assert.Equal(badge.ContentHash, later.Single(f => f.Path == badge.Path).ContentHash);
        Assert.NotEqual(badge.ContentHash, StatusBadge.Render(Moessingen(TownLevel.Normal)).ContentHash);
    }

    private static double Number(XElement element, string attribute) =>
        double.Parse(element.Attribute(attribute)?.Value ?? "0", CultureInfo.InvariantCulture);
}
