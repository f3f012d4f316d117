using StatusHub.Core.Validation;
using static StatusHub.Core.Tests.TestSupport;

namespace StatusHub.Core.Tests;

/// <summary>Issue 20: language tags as RFC 5646 defines them, Leichte Sprache's private-use "de-x-ls" included.</summary>
public class LanguageTagTests
{
    private static StatusRequest WithHeadlineIn(string language) => new(
        Level: "emergency",
        Headline: Text(("de", "Notbetrieb"), (language, "Text")),
        Summary: null,
        AsOf: null,
        MoreInfoUrl: null);

    [Theory]
    [InlineData("de")]
    [InlineData("uk")]
    [InlineData("ar")]
    [InlineData("de-x-ls")] // RFC 5646 §2.2.7: a private-use subtag
    [InlineData("de-CH")]
    [InlineData("es-419")] // a UN M.49 region
    [InlineData("sr-Latn-RS")]
    [InlineData("zh-yue-HK")] // an extended language subtag
    [InlineData("de-CH-1996")] // a variant
    [InlineData("sl-rozaj-biske")]
    [InlineData("en-a-bbb-x-a-ccc")] // an extension, then private use
    [InlineData("ku-Arab-IQ")]
    public void Well_formed_tags_are_language_tags(string tag) => Assert.True(Validator.IsLanguageTag(tag), tag);

    [Theory]
    [InlineData("")]
    [InlineData("d")]
    [InlineData("deutsch")] // 4-8 letter language subtags are reserved or unregistered
    [InlineData("x-ls")] // private use as a whole names no language a page could declare
    [InlineData("de-x")] // a singleton needs a subtag after it
    [InlineData("de-x-")]
    [InlineData("de--CH")]
    [InlineData("de_CH")]
    [InlineData("de-CH-")]
    [InlineData("de-x-abcdefghi")] // private-use subtags are at most 8 characters
    [InlineData("en-a")]
    [InlineData("de-Latn-Latn")]
    [InlineData("ar\n")]
    [InlineData("<b>")]
    public void Malformed_tags_are_not(string tag) => Assert.False(Validator.IsLanguageTag(tag), tag);

    [Theory]
    [InlineData("de-x-ls", "de-x-ls")]
    [InlineData("DE-X-LS", "de-x-ls")] // after a singleton nothing is a region: never "de-x-LS"
    [InlineData("de-ch", "de-CH")]
    [InlineData("SR-LATN-rs", "sr-Latn-RS")]
    [InlineData("es-419", "es-419")]
    [InlineData("de-ch-1996", "de-CH-1996")]
    [InlineData("en-A-BBB-x-AB-CDEF", "en-a-bbb-x-ab-cdef")]
    public void Tags_are_stored_in_their_conventional_case(string tag, string expected) =>
        Assert.Equal(expected, Validator.CanonicalLanguageTag(tag));

    [Fact]
    public void A_headline_in_Leichte_Sprache_is_accepted_and_kept_under_its_tag()
    {
        var status = Validator.Status(WithHeadlineIn("DE-x-LS"), "de", Now);

        Assert.Equal("Text", status.Headline["de-x-ls"]);
    }

    [Fact]
    public void A_town_may_write_Leichte_Sprache_by_default()
    {
        var town = Validator.Town("musterstadt", new TownRequest("Musterstadt", "bw-test", null, "DE-X-LS", null, null, null, null, null));

        Assert.Equal("de-x-ls", town.DefaultLanguage);
    }

    [Fact]
    public void The_folder_of_the_Statuspage_files_is_no_page_language()
    {
        var errors = Rejected(() => Validator.Status(WithHeadlineIn("api"), "de", Now));

        var message = Assert.Single(Assert.Single(errors, e => e.Key == "headline").Value);
        Assert.Equal("'api' cannot be a page language: /{town}/api/ is the folder of other site files.", message);
    }
}
