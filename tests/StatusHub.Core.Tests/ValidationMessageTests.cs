using StatusHub.Core.Rendering;
using StatusHub.Core.Validation;
using static StatusHub.Core.Tests.TestSupport;

namespace StatusHub.Core.Tests;

/// <summary>One precise message per problem (issue 18): a broken default-language text is not also "missing", and timestamps have a stated window.</summary>
public class ValidationMessageTests
{
    private static StatusRequest Status(Dictionary<string, string?>? headline = null, string? asOf = "2023-11-20T08:00:00+01:00") =>
        new("emergency", headline ?? De("Notbetrieb"), null, asOf, null);

    private static IReadOnlyDictionary<string, string[]> Fail(StatusRequest request) => Rejected(() => Validator.Status(request, "de", Now));

    [Fact]
    public void A_headline_one_character_too_long_gets_only_the_length_message()
    {
        var errors = Fail(Status(De(new string('x', Limits.MaxHeadline + 1))));

        var (field, messages) = Assert.Single(errors);
        Assert.Equal("headline.de", field);
        Assert.Equal($"At most {Limits.MaxHeadline} characters (got {Limits.MaxHeadline + 1}).", Assert.Single(messages));
    }

    [Fact]
    public void A_default_language_text_with_a_control_character_gets_only_that_message()
    {
        var errors = Fail(Status(Text(("de", "Not\u0007betrieb"), ("en", "Emergency"))));

        Assert.Equal(["Contains the control character U+0007."], Assert.Single(errors).Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_or_empty_default_language_text_is_reported_as_required(string? text)
    {
        var request = Status(text is null ? Text(("en", "Emergency")) : Text(("de", text), ("en", "Emergency")));

        var (field, messages) = Assert.Single(Fail(request));
        Assert.Equal("headline.de", field);
        Assert.Equal("Required: text in the town's default language 'de'.", Assert.Single(messages));
    }

    [Fact]
    public void An_update_too_long_in_the_default_language_gets_one_message()
    {
        var errors = Rejected(() => Validator.Update(new UpdateRequest(De(new string('x', Limits.MaxUpdateText + 1)), null), "de", Now));

        Assert.Single(Assert.Single(errors).Value);
    }

    [Theory]
    [InlineData("2099-01-01T00:00:00+01:00", "Must not be more than 24 hours in the future (got 2098-12-31T23:00:00Z, latest 2023-11-21T08:30:00Z).")]
    [InlineData("2023-11-21T10:00:00+01:00", "Must not be more than 24 hours in the future (got 2023-11-21T09:00:00Z, latest 2023-11-21T08:30:00Z).")]
    [InlineData("1999-12-31T23:59:59+00:00", "Must be on or after 2000-01-01 (got 1999-12-31).")]
    [InlineData("0001-01-01T00:00:00+00:00", "Must be on or after 2000-01-01 (got 0001-01-01).")]
    [InlineData("2023-02-30T08:15:00+01:00", "'2023-02-30T08:15:00+01:00' is not a date and time that exists (month 01–12, a day of that month, hour 00–23, offset at most ±14:00).")]
    [InlineData("2023-11-20T25:15:00+01:00", "'2023-11-20T25:15:00+01:00' is not a date and time that exists (month 01–12, a day of that month, hour 00–23, offset at most ±14:00).")]
    [InlineData("2023-11-20 08:15:00+01:00", "Must be an ISO 8601 timestamp with offset, e.g. 2023-11-20T08:15:00+01:00.")]
    [InlineData("20.11.2023", "Must be an ISO 8601 timestamp with offset, e.g. 2023-11-20T08:15:00+01:00.")]
    public void AsOf_outside_its_window_or_not_a_date_gets_the_message_for_that(string asOf, string message)
    {
        var (field, messages) = Assert.Single(Fail(Status(asOf: asOf)));

        Assert.Equal("asOf", field);
        Assert.Equal(message, Assert.Single(messages));
    }

    [Theory]
    [InlineData("2000-01-01T00:00:00+00:00")]
    [InlineData("2023-11-21T09:30:00+01:00")]
    public void AsOf_at_the_edges_of_the_window_is_accepted(string asOf) =>
        Assert.Equal(DateTimeOffset.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), Validator.Status(Status(asOf: asOf), "de", Now).AsOf);

    [Fact]
    public void An_update_at_far_in_the_future_is_refused_with_the_window()
    {
        var errors = Rejected(() => Validator.Update(new UpdateRequest(De("Text"), "2099-06-01T00:00:00+00:00"), "de", Now));

        Assert.StartsWith("Must not be more than 24 hours in the future", Assert.Single(errors["at"]), StringComparison.Ordinal);
    }

    [Fact]
    public void An_aid_offer_valid_until_the_year_3000_is_refused_with_its_own_message()
    {
        var request = new AidOfferRequest("vehicle-registration", ["nehren"], null, "3000-01-01T00:00:00+00:00");

        var errors = Rejected(() => Validator.AidOffer("ofterdingen", "kfz", request, "de", Now));

        Assert.Equal(["Must be before 3000-01-01 (got 3000-01-01)."], errors["validUntil"]);
    }

    [Theory]
    [InlineData(null, true, "is required in Production")]
    [InlineData("", true, "is required in Production")]
    [InlineData(null, false, null)]
    [InlineData("https://status.example.org", true, null)]
    [InlineData("http://localhost:5080/", false, null)]
    [InlineData("status.example.org", true, "must be an absolute http:// or https:// URL")]
    [InlineData("ftp://status.example.org/", false, "must be an absolute http:// or https:// URL")]
    [InlineData("https://status.example.org/?a=b", false, "must be an absolute http:// or https:// URL")]
    public void The_site_base_url_is_checked_at_start(string? configured, bool production, string? problem)
    {
        var found = RenderOptions.SiteBaseUrlProblem(configured, production);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
            Assert.StartsWith("StatusHub:SiteBaseUrl ", found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_site_base_url_gets_its_trailing_slash() =>
        Assert.Equal("https://status.example.org/kreis/", RenderOptions.ParseSiteBaseUrl("https://status.example.org/kreis")!.AbsoluteUri);
}
