using System.Net;
using System.Text;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests.Security;

/// <summary>
/// API.md's fixed order on every route, applied once by the access pipeline (Http/Access.cs) for both hosts: slug
/// syntax (400, 404 on reads) → authentication (401) → authorization (403) → rate limit → body. A caller without the
/// right never learns whether a resource exists or what its body would have been told; reserved slugs are refused.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class AccessOrderTests(StatusHubApp app)
{
    private static StringContent Garbage() => new("{ not json", Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_malformed_slug_is_answered_before_authentication_400_on_writes_and_404_on_reads()
    {
        using var anonymous = app.Client();
        await anonymous.PutAsync("/api/v1/towns/Bad_Slug/status", Garbage()).Problem(HttpStatusCode.BadRequest);
        await anonymous.PostAsync("/api/v1/regions/NOT_A_SLUG/subscriptions", Garbage()).Problem(HttpStatusCode.BadRequest);
        await anonymous.PutAsync("/api/v1/towns/ok-town/services/Not_A_Service", Garbage()).Problem(HttpStatusCode.BadRequest);
        await anonymous.GetAsync("/api/v1/towns/Bad_Slug/audit").Problem(HttpStatusCode.NotFound);
        await anonymous.GetAsync("/api/v1/regions/NOT_A_SLUG/feed").Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Without_the_right_a_caller_gets_401_or_403_whatever_the_body_or_the_resource()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var (_, otherKey) = await Towns.CreateWithKey(app);
        var missing = Towns.NewSlug("missing");

        // No key: 401 before the body is read, for a town that exists and one that does not.
        await app.Client().PutAsync($"/api/v1/towns/{slug}/status", Garbage()).Problem(HttpStatusCode.Unauthorized);
        await app.Client().PutAsync($"/api/v1/towns/{missing}", Garbage()).Problem(HttpStatusCode.Unauthorized);

        // Another town's key: 403, never 400 for its body or 404 for a town that does not exist.
        await app.Client(otherKey).PutAsync($"/api/v1/towns/{slug}/status", Garbage()).Problem(HttpStatusCode.Forbidden);
        await app.Client(otherKey).PutAsync($"/api/v1/towns/{missing}/status", Garbage()).Problem(HttpStatusCode.Forbidden);
        await app.Client(otherKey).GetAsync($"/api/v1/towns/{missing}/audit").Problem(HttpStatusCode.Forbidden);
        await app.Client(key).PutAsync($"/api/v1/towns/{slug}", Garbage()).Problem(HttpStatusCode.Forbidden);

        // With the right, the body is looked at.
        await app.Client(key).PutAsync($"/api/v1/towns/{slug}/status", Garbage()).Problem(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("regions")]
    [InlineData("incidents")]
    [InlineData("publish")]
    [InlineData("api")]
    [InlineData("docs")]
    [InlineData("openapi")]
    [InlineData("assets")]
    [InlineData("static")]
    public async Task A_top_level_folder_of_the_site_cannot_become_a_town(string slug)
    {
        var problem = await app.Client(StatusHubApp.AdminKey).Put($"/api/v1/towns/{slug}", Towns.Profile()).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]?["town"]);
        await app.Client().GetAsync($"/api/v1/towns/{slug}").Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_site_never_sends_a_protocol_relative_location()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        await app.Client(key).Put($"/api/v1/towns/{slug}/status", Towns.Status()).Ok();
        await app.Client(StatusHubApp.AdminKey).PostAsync("/api/v1/render", null).Ok();

        foreach (var path in new[] { $"//{slug}", $"//{slug}/", "//evil.example/", "//publish", $"/{slug}" })
        {
            // An absolute URL, so that "//x" stays a path here and is not read as a protocol-relative URL by the client.
            using var client = app.Client();
            using var response = await client.GetAsync(new Uri(client.BaseAddress!.GetLeftPart(UriPartial.Authority) + path));
            var location = response.Headers.Location?.OriginalString;
            Assert.False(location is not null && location.StartsWith("//", StringComparison.Ordinal), $"{path} redirects to {location}");
            Assert.False(location is not null && location.Contains("evil.example", StringComparison.Ordinal), $"{path} redirects to {location}");
        }
    }
}
