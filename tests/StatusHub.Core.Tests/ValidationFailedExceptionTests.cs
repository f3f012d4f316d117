using StatusHub.Core.Validation;
using static StatusHub.Core.Tests.TestSupport;

namespace StatusHub.Core.Tests;

public class ValidationFailedExceptionTests
{
    [Fact]
    public void Status_lists_all_problems_at_once()
    {
        var errors = Rejected(() => Validator.Status(
            new StatusRequest("Normal", Text(("en", "Only English")), null, "2023-11-20T08:15:00", "ftp://x.de"),
            "de",
            Now));

        Assert.Equal(["asOf", "headline.de", "level", "moreInfoUrl"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.NotEmpty(messages));
    }

    [Fact]
    public void Town_lists_all_problems_at_once()
    {
        var errors = Rejected(() => Validator.Town(
            "moessingen",
            new TownRequest(null, "BW", "123", "x", "javascript:alert(1)", "abc", ["moessingen"], new LocationRequest(100, 200), null)));

        Assert.Equal(
            ["ags", "defaultLanguage", "location.lat", "location.lon", "name", "neighbours[0]", "phone", "region", "website"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Single_reports_one_field()
    {
        var exception = ValidationFailedException.Single("town", "bad");

        Assert.Equal(["town"], exception.Errors.Keys);
        Assert.Equal(["bad"], exception.Errors["town"]);
    }

    [Fact]
    public void Collector_keeps_several_messages_per_field()
    {
        var errors = new ValidationErrors();
        Assert.False(errors.Any);
        errors.ThrowIfAny();

        errors.Add("name", "one");
        errors.Add("name", "two");
        errors.Add("region", "three");

        Assert.True(errors.Any);
        Assert.Equal(3, errors.Count);
        var exception = Assert.Throws<ValidationFailedException>(errors.ThrowIfAny);
        Assert.Equal(["one", "two"], exception.Errors["name"]);
        Assert.Equal(["three"], exception.Errors["region"]);
    }
}
