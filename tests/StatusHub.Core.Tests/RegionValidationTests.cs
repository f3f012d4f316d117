using StatusHub.Core.Domain;
using StatusHub.Core.Validation;

namespace StatusHub.Core.Tests;

/// <summary>PUT /api/v1/regions/{region}: the display name's rules, and which name a page in a language shows.</summary>
public class RegionValidationTests
{
    private const string Slug = "bw-tuebingen";

    private static IReadOnlyDictionary<string, string[]> Fail(RegionRequest? request) =>
        TestSupport.Rejected(() => Validator.Region(Slug, request));

    [Fact]
    public void A_name_in_any_languages_becomes_the_profile_with_canonical_tags_and_trimmed_text()
    {
        var region = Validator.Region(Slug, new RegionRequest(TestSupport.Text(("DE", " Landkreis Tübingen "), ("en", "Tübingen district"), ("hsb", "Wokrjes"))));

        Assert.Equal(Slug, region.Slug);
        Assert.Equal("Landkreis Tübingen", region.Name["de"]);
        Assert.Equal("Tübingen district", region.Name["en"]);
        Assert.Equal("Wokrjes", region.Name["hsb"]);
        Assert.Equal(3, region.Name.Count);
    }

    [Fact]
    public void One_language_other_than_German_is_enough()
    {
        var region = Validator.Region(Slug, new RegionRequest(TestSupport.Text(("en", "Tübingen district"))));

        Assert.Equal("Tübingen district", Assert.Single(region.Name).Value);
    }

    [Fact]
    public void A_name_as_long_as_a_towns_is_allowed_and_one_character_more_is_not()
    {
        Assert.Equal(Limits.MaxTownName, Limits.MaxRegionName);
        Validator.Region(Slug, new RegionRequest(TestSupport.De(new string('x', Limits.MaxRegionName))));
        Assert.Contains("name.de", Fail(new RegionRequest(TestSupport.De(new string('x', Limits.MaxRegionName + 1)))).Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Without_text_in_any_language_the_name_is_required(string? text)
    {
        Assert.Contains("name", Fail(new RegionRequest(text is null ? null : TestSupport.De(text))).Keys);
        Assert.Contains("name", Fail(new RegionRequest([])).Keys);
        Assert.Contains("$", Fail(null).Keys);
    }

    [Theory]
    [InlineData("deutsch")]
    [InlineData("de_DE")]
    [InlineData("d")]
    [InlineData("<de>")]
    public void A_key_that_is_not_a_BCP_47_tag_is_rejected(string tag) =>
        Assert.Contains("name", Fail(new RegionRequest(TestSupport.Text((tag, "Landkreis")))).Keys);

    [Fact]
    public void Control_characters_and_a_language_given_twice_are_rejected()
    {
        Assert.Contains("name.de", Fail(new RegionRequest(TestSupport.De("Land\u0000kreis"))).Keys);
        Assert.Contains("name", Fail(new RegionRequest(TestSupport.Text(("de", "Landkreis"), ("DE", "Kreis")))).Keys);
    }

    [Fact]
    public void More_languages_than_any_text_may_have_are_rejected()
    {
        var many = Enumerable.Range(0, Limits.MaxLanguagesPerText + 1).Select(i => ($"x{(char)('a' + i)}", (string?)"Name")).ToArray();
        Assert.Contains("name", Fail(new RegionRequest(TestSupport.Text(many))).Keys);
    }

    [Fact]
    public void A_page_shows_the_name_in_its_language_else_German_else_the_first_given_else_the_slug()
    {
        var named = new RegionProfile(Slug, new LocalizedText { ["de"] = "Landkreis Tübingen", ["en"] = "Tübingen district" });
        Assert.Equal("Tübingen district", named.DisplayName("en"));
        Assert.Equal("Landkreis Tübingen", named.DisplayName("de"));
        Assert.Equal("Landkreis Tübingen", named.DisplayName("uk"));

        var foreign = new RegionProfile(Slug, new LocalizedText { ["hsb"] = "Wokrjes", ["en"] = "District" });
        Assert.Equal("District", foreign.DisplayName("de")); // "en" sorts before "hsb": every render picks the same

        var unnamed = RegionProfile.Unnamed(Slug);
        Assert.Equal(Slug, unnamed.DisplayName("de"));
        Assert.Equal(Slug, unnamed.NameOrSlug()["de"]);
        Assert.Same(named.Name, named.NameOrSlug());
    }
}
