using System.Net;
using StatusHub.Api.Http;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests;

/// <summary>Issue 18: one precise message per problem over the real HTTP stack, and duplicate JSON keys named as such.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class ValidationMessageTests(StatusHubApp app)
{
    [Theory]
    [InlineData("""{"level":"normal","level":"offline","headline":{"de":"x"}}""", "level", "$")]
    [InlineData("""{"level":"normal","headline":{"de":"x","de":"y"}}""", "de", "$.headline")]
    [InlineData("""{"level":"normal","Level":"offline","headline":{"de":"x"}}""", "Level", "$")]
    public async Task A_duplicate_key_is_named_in_the_problem(string body, string key, string where)
    {
        var (slug, townKey) = await Towns.CreateWithKey(app);

        var problem = await app.Client(townKey).SendJson(HttpMethod.Put, $"/api/v1/towns/{slug}/status", body).Problem(HttpStatusCode.BadRequest);

        Assert.Equal($"The body names the property '{key}' twice at {where}: give each property once.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_201_character_headline_gets_only_the_length_message()
    {
        var (slug, townKey) = await Towns.CreateWithKey(app);

        var problem = await app.Client(townKey).Put($"/api/v1/towns/{slug}/status", new { level = "emergency", headline = new { de = new string('x', 201) } })
            .Problem(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject();
        var (field, messages) = Assert.Single(errors);
        Assert.Equal("headline.de", field);
        Assert.Equal("At most 200 characters (got 201).", Assert.Single(messages!.AsArray())!.GetValue<string>());
    }

    [Theory]
    [InlineData("2099-11-20T08:00:00+01:00", "Must not be more than 24 hours in the future")]
    [InlineData("1999-11-20T08:00:00+01:00", "Must be on or after 2000-01-01 (got 1999-11-20).")]
    [InlineData("2023-02-29T08:00:00+01:00", "is not a date and time that exists")]
    public async Task AsOf_outside_its_window_gets_the_message_for_that(string asOf, string message)
    {
        var (slug, townKey) = await Towns.CreateWithKey(app);

        var problem = await app.Client(townKey).Put($"/api/v1/towns/{slug}/status", new { level = "emergency", headline = new { de = "Notbetrieb" }, asOf })
            .Problem(HttpStatusCode.BadRequest);

        var messages = problem["errors"]!["asOf"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.Contains(message, Assert.Single(messages), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"a":1,"b":{"a":2},"c":[{"a":1},{"a":2}]}""", null)]
    [InlineData("""{"a":1,"b":{"x":1,"x":2}}""", "x@$.b")]
    [InlineData("""{"c":[{"a":1},{"a":1,"a":2}]}""", "a@$.c[]")]
    [InlineData("""{"a":1,"A":2}""", "A@$")]
    [InlineData("""{"a":1,"a":""", null)]
    public void Duplicate_keys_are_found_where_they_are(string json, string? expected)
    {
        var found = JsonDuplicateKeys.Find(System.Text.Encoding.UTF8.GetBytes(json));

        Assert.Equal(expected, found is { } f ? $"{f.Name}@{f.Path}" : null);
    }
}
