using StatusHub.Core.Validation;

namespace StatusHub.Core.Tests;

public class ValidatorSlugTests
{
    public static TheoryData<string> ValidSlugs => new()
    {
        "ab",
        "a1",
        "12",
        "moessingen",
        "bw-tuebingen",
        "a-b-c",
        new string('a', 63),
        "a-" + new string('b', 61),
    };

    public static TheoryData<string?> InvalidSlugs => new()
    {
        null,
        "",
        "a",
        new string('a', 64),
        "Upper",
        "moessingeN",
        "-x",
        "x-",
        "a--b",
        "mössingen",
        "a b",
        " ab",
        "ab ",
        "a_b",
        "a.b",
        "a/b",
        "../etc",
    };

    [Theory]
    [MemberData(nameof(ValidSlugs))]
    public void IsSlug_accepts_valid_slugs(string slug) => Assert.True(Validator.IsSlug(slug));

    [Theory]
    [MemberData(nameof(InvalidSlugs))]
    public void IsSlug_rejects_invalid_slugs(string? slug) => Assert.False(Validator.IsSlug(slug));

    [Theory]
    [MemberData(nameof(ValidSlugs))]
    public void RequireSlug_returns_valid_slug_unchanged(string slug) => Assert.Equal(slug, Validator.RequireSlug("town", slug));

    [Theory]
    [MemberData(nameof(InvalidSlugs))]
    public void RequireSlug_throws_with_the_field_name(string? slug)
    {
        var errors = TestSupport.Rejected(() => Validator.RequireSlug("town", slug));

        Assert.Equal(["town"], errors.Keys);
        Assert.NotEmpty(errors["town"]);
    }

    [Theory]
    [InlineData("moessingen\n")]
    [InlineData("ab\n")]
    public void Trailing_newline_is_not_a_slug(string slug)
    {
        Assert.False(Validator.IsSlug(slug));
        Assert.Throws<ValidationFailedException>(() => Validator.RequireSlug("town", slug));
    }
}
