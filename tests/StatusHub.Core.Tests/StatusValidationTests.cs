using StatusHub.Core.Validation;
using static StatusHub.Core.Tests.TestSupport;

namespace StatusHub.Core.Tests;

public class StatusValidationTests
{
    private static StatusRequest Valid() => new(
        Level: "emergency",
        Headline: De("Cyberangriff: Verwaltung im Notbetrieb"),
        Summary: Text(("de", "Seit 17. November …"), ("en", "Since 17 November …")),
        AsOf: "2023-11-20T08:00:00+01:00",
        MoreInfoUrl: "https://www.moessingen.de/cyberangriff");

    private static TownStatus Ok(StatusRequest request, string defaultLanguage = "de") =>
        Validator.Status(request, defaultLanguage, Now);

    private static IReadOnlyDictionary<string, string[]> Fail(StatusRequest request, string defaultLanguage = "de") =>
        Rejected(() => Validator.Status(request, defaultLanguage, Now));

    [Theory]
    [InlineData("normal", TownLevel.Normal)]
    [InlineData("disrupted", TownLevel.Disrupted)]
    [InlineData("emergency", TownLevel.Emergency)]
    [InlineData("offline", TownLevel.Offline)]
    public void Each_level_is_accepted(string wire, TownLevel expected) =>
        Assert.Equal(expected, Ok(Valid() with { Level = wire }).Level);

    [Theory]
    [InlineData("Normal")]
    [InlineData("EMERGENCY")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("notbetrieb")]
    [InlineData(" normal")]
    public void Other_levels_are_rejected(string? level) =>
        Assert.Equal(["level"], Fail(Valid() with { Level = level }).Keys);

    [Fact]
    public void Null_body_is_rejected() => Assert.Contains("$", Rejected(() => Validator.Status(null, "de", Now)).Keys);

    [Fact]
    public void Headline_is_required() =>
        Assert.Equal(["headline"], Fail(Valid() with { Headline = null }).Keys);

    [Theory]
    [InlineData("de", "en")]
    [InlineData("en", "de")]
    public void Headline_is_required_in_the_default_language(string defaultLanguage, string otherLanguage)
    {
        var onlyOther = Valid() with { Headline = Text((otherLanguage, "Text")), Summary = null };
        Assert.Equal([$"headline.{defaultLanguage}"], Fail(onlyOther, defaultLanguage).Keys);

        var inDefault = Valid() with { Headline = Text((defaultLanguage, "Text")), Summary = null };
        Assert.Equal("Text", Ok(inDefault, defaultLanguage).Headline[defaultLanguage]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Blank_headline_in_default_language_counts_as_missing(string? text) =>
        Assert.Contains("headline.de", Fail(Valid() with { Headline = Text(("de", text), ("en", "Cyber attack")) }).Keys);

    [Fact]
    public void Summary_is_optional_and_may_lack_the_default_language()
    {
        Assert.Empty(Ok(Valid() with { Summary = null }).Summary);
        Assert.Equal("Only English", Ok(Valid() with { Summary = Text(("en", "Only English")) }).Summary["en"]);
    }

    [Fact]
    public void More_than_two_languages_are_kept()
    {
        var headline = Text(
            ("de", "Notbetrieb"),
            ("en", "Emergency operation"),
            ("uk", "Аварійний режим"),
            ("tr", "Acil durum çalışması"),
            ("ar", "وضع الطوارئ"));

        var status = Ok(Valid() with { Headline = headline });

        Assert.Equal(["ar", "de", "en", "tr", "uk"], status.Headline.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("وضع الطوارئ", status.Headline["ar"]);
        Assert.Equal("Аварійний режим", status.Headline["uk"]);
    }

    [Fact]
    public void More_than_max_languages_are_rejected()
    {
        string[] tags = ["de", "en", "uk", "tr", "ar", "fr", "it", "pl", "ro", "ru", "es"];
        Assert.True(tags.Length > Limits.MaxLanguagesPerText);

        Assert.Contains("headline", Fail(Valid() with { Headline = tags.ToDictionary(t => t, t => (string?)t) }).Keys);
    }

    [Theory]
    [InlineData("de_DE")]
    [InlineData("german")]
    [InlineData("")]
    public void Non_bcp47_language_keys_are_rejected(string tag) =>
        Assert.Contains("headline", Fail(Valid() with { Headline = Text(("de", "Notbetrieb"), (tag, "x")) }).Keys);

    [Theory]
    [InlineData("headline", Limits.MaxHeadline)]
    [InlineData("summary", Limits.MaxSummary)]
    public void Text_at_the_limit_is_accepted_and_one_more_is_rejected(string field, int limit)
    {
        StatusRequest With(int length) => field == "headline"
            ? Valid() with { Headline = De(new string('x', length)) }
            : Valid() with { Summary = De(new string('x', length)) };

        var status = Ok(With(limit));
        Assert.Equal(limit, (field == "headline" ? status.Headline : status.Summary)["de"].Length);

        Assert.Contains($"{field}.de", Fail(With(limit + 1)).Keys);
    }

    // Code units are passed as numbers and the strings built here: xUnit's test-case serialization
    // would turn a lone surrogate in [InlineData] into U+FFFD before the test sees it.
    [Theory]
    [InlineData(0x0000)]
    [InlineData(0x0007)]
    [InlineData(0x001B)]
    [InlineData(0x007F)]
    [InlineData(0x0085)]
    [InlineData(0xFFFE)]
    [InlineData(0xFFFF)]
    public void Control_characters_and_noncharacters_are_rejected(int codeUnit) =>
        Assert.Equal(["headline.de"], Fail(Valid() with { Headline = De($"a{(char)codeUnit}b") }).Keys);

    [Theory]
    [InlineData("Zeile 1\nZeile 2")]
    [InlineData("Spalte\tSpalte")]
    [InlineData("Zeile 1\r\nZeile 2")]
    public void Line_breaks_and_tabs_are_allowed(string text) =>
        Assert.Equal(text, Ok(Valid() with { Headline = De(text) }).Headline["de"]);

    [Theory]
    [InlineData(0xD800, "a{0}b")]
    [InlineData(0xDBFF, "{0}")]
    [InlineData(0xDC00, "a{0}b")]
    [InlineData(0xDFFF, "x{0}")]
    [InlineData(0xD83D, "ab{0}")]
    public void Unpaired_surrogates_are_rejected(int codeUnit, string template)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, (char)codeUnit);
        Assert.True(char.IsSurrogate(text, text.IndexOf((char)codeUnit, StringComparison.Ordinal)));

        Assert.Contains("headline.de", Fail(Valid() with { Headline = De(text) }).Keys);
    }

    [Fact]
    public void Reversed_surrogate_pair_is_rejected() =>
        Assert.Contains("headline.de", Fail(Valid() with { Headline = De("a\uDE00\uD83Db") }).Keys);

    [Fact]
    public void Paired_surrogates_are_allowed() =>
        Assert.Equal("Achtung \U0001F6A8", Ok(Valid() with { Headline = De("Achtung \U0001F6A8") }).Headline["de"]);

    [Fact]
    public void Text_is_trimmed() =>
        Assert.Equal("Notbetrieb seit Montag", Ok(Valid() with { Headline = De("  Notbetrieb seit Montag \n\t") }).Headline["de"]);

    [Fact]
    public void Text_is_normalized_to_nfc() =>
        Assert.Equal("M\u00F6ssingen", Ok(Valid() with { Headline = De("Mo\u0308ssingen") }).Headline["de"]);

    [Theory]
    [InlineData("2023-11-20T08:15:00+01:00", "2023-11-20T07:15:00Z")]
    [InlineData("2023-11-20T08:15:00Z", "2023-11-20T08:15:00Z")]
    [InlineData("2023-11-20T08:15:00.1234567-05:30", "2023-11-20T13:45:00.1234567Z")]
    [InlineData("2023-11-20T08:15+01:00", "2023-11-20T07:15:00Z")]
    public void AsOf_with_offset_is_converted_to_utc(string asOf, string expectedUtc)
    {
        var status = Ok(Valid() with { AsOf = asOf });

        Assert.Equal(TimeSpan.Zero, status.AsOf!.Value.Offset);
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), status.AsOf.Value);
    }

    [Theory]
    [InlineData("2023-11-20T08:15:00")]
    [InlineData("2023-11-20")]
    [InlineData("20.11.2023 08:15")]
    [InlineData("2023-11-20 08:15:00+01:00")]
    [InlineData("2023-02-30T08:15:00+01:00")]
    [InlineData("2023-11-20T25:15:00+01:00")]
    [InlineData("1999-11-20T08:15:00+01:00")]
    [InlineData("")]
    [InlineData("yesterday")]
    public void AsOf_without_offset_or_malformed_is_rejected(string asOf) =>
        Assert.Equal(["asOf"], Fail(Valid() with { AsOf = asOf }).Keys);

    [Fact]
    public void AsOf_defaults_to_now_in_utc()
    {
        var status = Ok(Valid() with { AsOf = null });

        Assert.Equal(Now, status.AsOf);
        Assert.Equal(TimeSpan.Zero, status.AsOf!.Value.Offset);
    }

    [Theory]
    [InlineData("https://www.moessingen.de/cyberangriff", true)]
    [InlineData("http://www.moessingen.de/cyberangriff", true)]
    [InlineData("javascript:alert(document.cookie)", false)]
    [InlineData("ftp://www.moessingen.de", false)]
    [InlineData("cyberangriff.html", false)]
    [InlineData("https://www.moessingen.de/cyber angriff", false)]
    public void MoreInfoUrl_must_be_http_or_https(string url, bool valid)
    {
        var request = Valid() with { MoreInfoUrl = url };
        if (valid)
        {
            Assert.Equal(url, Ok(request).MoreInfoUrl);
        }
        else
        {
            Assert.Equal(["moreInfoUrl"], Fail(request).Keys);
        }
    }
}
