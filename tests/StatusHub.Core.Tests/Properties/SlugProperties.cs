using FsCheck;
using FsCheck.Fluent;
using StatusHub.Core.Validation;

namespace StatusHub.Core.Tests.Properties;

/// <summary>Validator.IsSlug agrees with an independent, loop-based reading of API.md's slug rule.</summary>
public class SlugProperties
{
    /// <summary>Oracle: 2–63 characters of [a-z0-9] in runs separated by single hyphens, no hyphen at either end.</summary>
    internal static bool OracleIsSlug(string? value)
    {
        if (value is null || value.Length < 2 || value.Length > 63)
        {
            return false;
        }

        var previousWasHyphen = true; // a leading hyphen is not allowed
        foreach (var c in value)
        {
            if (c == '-')
            {
                if (previousWasHyphen)
                {
                    return false;
                }

                previousWasHyphen = true;
            }
            else if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                previousWasHyphen = false;
            }
            else
            {
                return false;
            }
        }

        return !previousWasHyphen;
    }

    private static Gen<string?> SlugLike =>
        Gen.Frequency(
            (4, Gen.Elements("a", "z", "0", "9", "-", "--", "A", "é", "_", " ", "\n", "\u0131", "\u212A", "\uFF41", "٣", "\0")
                .ListOf().Select(parts => (string?)string.Concat(parts))),
            (3, Gen.Elements("ab", "a-b", "x1", "-", "a").ListOf().Select(parts => (string?)string.Join("", parts))),
            (2, HostileStrings.Text),
            (1, Gen.Choose(60, 66).SelectMany(n => Gen.Elements("a", "a-").Select(p => (string?)string.Concat(Enumerable.Repeat(p, n))[..n]))));

    [Fact]
    public void IsSlug_agrees_with_the_oracle()
    {
        var property = Prop.ForAll(SlugLike.ToArbitrary(), value =>
            (Validator.IsSlug(value) == OracleIsSlug(value)).Label($"value = {HostileStrings.Show(value)}"));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    [Theory]
    [InlineData("ab", true)]
    [InlineData("a-b", true)]
    [InlineData("a", false)]
    [InlineData("-ab", false)]
    [InlineData("ab-", false)]
    [InlineData("a--b", false)]
    [InlineData("ab\n", false)]
    public void Oracle_reads_the_rule(string value, bool expected) => Assert.Equal(expected, OracleIsSlug(value));
}
