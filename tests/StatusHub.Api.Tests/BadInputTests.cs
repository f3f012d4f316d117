using System.Net;
using System.Net.Http.Headers;
using System.Text;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests;

/// <summary>Every class of bad input gets a 4xx problem and leaves the stored town exactly as it was.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class BadInputTests(StatusHubApp app)
{
    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        { "malformed JSON", "/status", """{"level":"normal", """ },
        { "not an object", "/status", "[1,2,3]" },
        { "unknown property", "/status", """{"level":"normal","headline":{"de":"x"},"colour":"red"}""" },
        { "duplicate property", "/status", """{"level":"normal","level":"offline","headline":{"de":"x"}}""" },
        { "wrong type", "/status", """{"level":3,"headline":{"de":"x"}}""" },
        { "unknown level", "/status", """{"level":"panic","headline":{"de":"x"}}""" },
        { "missing default-language headline", "/status", """{"level":"normal","headline":{"en":"only English"}}""" },
        { "over-long headline", "/status", $$$"""{"level":"normal","headline":{"de":"{{{new string('x', 201)}}}"}}""" },
        { "control character", "/status", """{"level":"normal","headline":{"de":"a\u0000b"}}""" },
        { "bad language tag", "/status", """{"level":"normal","headline":{"de":"x","not a tag":"y"}}""" },
        { "invalid URL", "/status", """{"level":"normal","headline":{"de":"x"},"moreInfoUrl":"javascript:alert(1)"}""" },
        { "relative URL", "/status", """{"level":"normal","headline":{"de":"x"},"moreInfoUrl":"/cyber"}""" },
        { "timestamp without offset", "/status", """{"level":"normal","headline":{"de":"x"},"asOf":"2023-11-20T08:00:00"}""" },
        { "not a timestamp", "/status", """{"level":"normal","headline":{"de":"x"},"asOf":"yesterday"}""" },
        { "unknown service without name", "/services/teleportation", """{"state":"available"}""" },
        { "unknown service state", "/services/email", """{"state":"broken"}""" },
        { "duplicate services", "/services", """{"services":[{"id":"email","state":"available"},{"id":"email","state":"limited"}]}""" },
        { "question without answer", "/qa", """{"items":[{"id":"q1","question":{"de":"Frage?"}}]}""" },
        { "bad question id", "/qa", """{"items":[{"id":"Q 1","question":{"de":"Frage?"},"answer":{"de":"A"}}]}""" },
        { "update without text", "/updates", """{"at":"2023-11-20T08:00:00+01:00"}""" },
        { "over-long update", "/updates", $$$"""{"text":{"de":"{{{new string('y', 4001)}}}"}}""" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_bodies_are_400_and_change_nothing(string why, string path, string body)
    {
        var (slug, key, before) = await PublishedTown();
        var method = path == "/updates" ? HttpMethod.Post : HttpMethod.Put;
        var problem = await app.Client(key).SendJson(method, $"/api/v1/towns/{slug}{path}", body).Problem(HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()), why);
        await AssertUnchanged(slug, before);
    }

    [Fact]
    public async Task Validation_problems_name_the_fields()
    {
        var (slug, key, _) = await PublishedTown();
        var problem = await app.Client(key).Put($"/api/v1/towns/{slug}/status",
            """{"level":"panic","headline":{"en":"x"},"moreInfoUrl":"ftp://x"}""").Problem(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
        Assert.Contains("level", errors);
        Assert.Contains("headline.de", errors);
        Assert.Contains("moreInfoUrl", errors);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Wrong_content_type_is_415(string contentType)
    {
        var (slug, key, before) = await PublishedTown();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/towns/{slug}/status")
        {
            Content = new StringContent("""{"level":"offline","headline":{"de":"x"}}""", Encoding.UTF8, contentType),
        };
        using var response = await app.Client(key).SendAsync(request);
        await response.Problem(HttpStatusCode.UnsupportedMediaType);
        await AssertUnchanged(slug, before);
    }

    [Fact]
    public async Task Body_over_256_KiB_is_413_with_or_without_content_length()
    {
        var (slug, key, before) = await PublishedTown();
        var huge = $$$"""{"level":"offline","headline":{"de":"{{{new string('z', 300 * 1024)}}}"}}""";
        await app.Client(key).Put($"/api/v1/towns/{slug}/status", huge).Problem(HttpStatusCode.RequestEntityTooLarge);

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/towns/{slug}/status") { Content = new UnsizedContent(huge) };
        using var chunked = await app.Client(key).SendAsync(request);
        await chunked.Problem(HttpStatusCode.RequestEntityTooLarge);
        await AssertUnchanged(slug, before);
    }

    [Theory]
    [InlineData("Bad_Slug")]
    [InlineData("x")]
    [InlineData("-leading")]
    public async Task Bad_slug_on_a_write_is_400(string slug)
    {
        await app.Client(StatusHubApp.AdminKey).Put($"/api/v1/towns/{slug}/status", Towns.Status()).Problem(HttpStatusCode.BadRequest);
        await app.Client(StatusHubApp.AdminKey).Put($"/api/v1/towns/{slug}", Towns.Profile()).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Writing_to_an_unknown_town_is_404()
    {
        await app.Client(StatusHubApp.AdminKey).Put($"/api/v1/towns/{Towns.NewSlug()}/status", Towns.Status()).Problem(HttpStatusCode.NotFound);
    }

    public static TheoryData<string> InvalidProfiles => new()
    {
        """{"region":"r1"}""",
        """{"name":"X","region":"R 1"}""",
        """{"name":"X","region":"r1","ags":"123"}""",
        """{"name":"X","region":"r1","website":"not a url"}""",
        """{"name":"X","region":"r1","phone":"call me"}""",
        """{"name":"X","region":"r1","location":{"lat":91,"lon":0}}""",
        """{"name":"X","region":"r1","neighbours":["Not A Slug"]}""",
        """{"name":"X","region":"r1","defaultLanguage":"german!"}""",
    };

    [Theory]
    [MemberData(nameof(InvalidProfiles))]
    public async Task Invalid_town_profiles_are_400_and_change_nothing(string body)
    {
        var (slug, _, before) = await PublishedTown();
        await app.Client(StatusHubApp.AdminKey).Put($"/api/v1/towns/{slug}", body).Problem(HttpStatusCode.BadRequest);
        await AssertUnchanged(slug, before);
    }

    private async Task<(string Slug, string Key, string Document)> PublishedTown()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var client = app.Client(key);
        await client.Put($"/api/v1/towns/{slug}/status", Towns.Status()).Ok();
        await client.Put($"/api/v1/towns/{slug}/services/email", new { state = "unavailable" }).Ok();
        await client.Post($"/api/v1/towns/{slug}/updates", new { text = new { de = "Erste Meldung" } }).Ok(HttpStatusCode.Created);
        using var response = await app.Client().GetAsync($"/api/v1/towns/{slug}");
        return (slug, key, response.ETag() + "\n" + await response.Content.ReadAsStringAsync());
    }

    private async Task AssertUnchanged(string slug, string before)
    {
        using var response = await app.Client().GetAsync($"/api/v1/towns/{slug}");
        Assert.Equal(before, response.ETag() + "\n" + await response.Content.ReadAsStringAsync());
    }

    /// <summary>A body sent without Content-Length, so the server must enforce the limit while reading.</summary>
    private sealed class UnsizedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnsizedContent(string text)
        {
            _bytes = Encoding.UTF8.GetBytes(text);
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
