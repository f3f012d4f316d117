using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Core.Storage;

namespace StatusHub.Api.Tests;

[Collection(SharedAppCollection.Name)]
public sealed class TownTests(StatusHubApp app)
{
    private readonly HttpClient _admin = app.Client(StatusHubApp.AdminKey);

    [Fact]
    public async Task Put_creates_then_updates_and_returns_etag()
    {
        var slug = Towns.NewSlug();
        using var created = await _admin.Put($"/api/v1/towns/{slug}", Towns.Profile("Erststadt"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/towns/{slug}", created.Headers.Location?.OriginalString);
        var firstETag = created.ETag();

        using var updated = await _admin.Put($"/api/v1/towns/{slug}", Towns.Profile("Zweitstadt"));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.NotEqual(firstETag, updated.ETag());
        Assert.Equal("Zweitstadt", (await updated.Json())["name"]!.GetValue<string>());

        var document = await app.Client().GetAsync($"/api/v1/towns/{slug}").Ok();
        Assert.Equal("Zweitstadt", document["town"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_of_the_stored_profile_writes_nothing_and_says_so()
    {
        var slug = Towns.NewSlug();
        var region = Towns.NewSlug("region");
        using var created = await _admin.Put($"/api/v1/towns/{slug}", Towns.Profile("Gleichstadt", region, ["a-ort", "b-ort"]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False(created.Headers.Contains("X-StatusHub-Unchanged"));

        // The create left a render marker: cleared here as a render would (the head's dirty state, then the marker), so that
        // a new one shows a write.
        var markers = app.Services.GetRequiredService<RenderMarkers>();
        var rendered = await app.Services.GetRequiredService<TownRepository>().GetAsync(slug, default);
        foreach (var marker in (await markers.ListAsync(default)).Where(m => m.Town == slug))
        {
            Assert.True(await markers.TryClearRenderedAsync(marker, rendered, default));
        }

        using var same = await _admin.Put($"/api/v1/towns/{slug}", Towns.Profile("Gleichstadt", region, ["a-ort", "b-ort"]), ("If-Match", created.ETag()));
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(created.ETag(), same.ETag());
        Assert.Equal("true", same.Headers.GetValues("X-StatusHub-Unchanged").Single());
        Assert.Null(same.Headers.Location);
        Assert.Equal("Gleichstadt", (await same.Json())["name"]!.GetValue<string>());
        Assert.DoesNotContain(await markers.ListAsync(default), m => m.Town == slug);
        var audit = await _admin.GetAsync($"/api/v1/towns/{slug}/audit").Ok();
        Assert.Equal(["town.create"], audit["items"]!.AsArray().Select(i => i!["operation"]!.GetValue<string>()));

        // A stale If-Match is refused even when nothing would change.
        using var stale = await _admin.Put($"/api/v1/towns/{slug}", Towns.Profile("Gleichstadt", region, ["a-ort", "b-ort"]), ("If-Match", "W/\"datetime'2000-01-01T00%3A00%3A00Z'\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        // Neighbours in another order are a change: the order is the town's.
        using var reordered = await _admin.Put($"/api/v1/towns/{slug}", Towns.Profile("Gleichstadt", region, ["b-ort", "a-ort"]));
        Assert.Equal(HttpStatusCode.OK, reordered.StatusCode);
        Assert.False(reordered.Headers.Contains("X-StatusHub-Unchanged"));
        Assert.NotEqual(created.ETag(), reordered.ETag());
        Assert.Contains(await markers.ListAsync(default), m => m.Town == slug);
        audit = await _admin.GetAsync($"/api/v1/towns/{slug}/audit").Ok();
        Assert.Equal(["town.put", "town.create"], audit["items"]!.AsArray().Select(i => i!["operation"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Updating_the_profile_keeps_the_published_status()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        await app.Client(key).Put($"/api/v1/towns/{slug}/status", Towns.Status("offline")).Ok();
        await _admin.Put($"/api/v1/towns/{slug}", Towns.Profile("Umbenannt")).Ok();

        var document = await app.Client().GetAsync($"/api/v1/towns/{slug}").Ok();
        Assert.Equal("offline", document["level"]!.GetValue<string>());
        Assert.Equal("Umbenannt", document["town"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Town_list_is_public_and_shows_the_level()
    {
        var (slug, key) = await Towns.CreateWithKey(app, profile: Towns.Profile(region: "test-region"));
        await app.Client(key).Put($"/api/v1/towns/{slug}/status", Towns.Status("disrupted")).Ok();

        var list = await app.Client().GetAsync("/api/v1/towns").Ok();
        var town = list["towns"]!.AsArray().Single(t => t!["slug"]!.GetValue<string>() == slug)!;
        Assert.Equal("Teststadt", town["name"]!.GetValue<string>());
        Assert.Equal("test-region", town["region"]!.GetValue<string>());
        Assert.Equal("disrupted", town["level"]!.GetValue<string>());
    }

    [Fact]
    public async Task Town_document_has_the_contract_shape_and_no_internal_fields()
    {
        var (slug, _) = await Towns.CreateWithKey(app);
        using var response = await app.Client().GetAsync($"/api/v1/towns/{slug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("GEHEIM", text, StringComparison.Ordinal);
        Assert.DoesNotContain("internal", text, StringComparison.OrdinalIgnoreCase);

        var document = await response.Json();
        foreach (var field in new[] { "town", "level", "headline", "summary", "asOf", "moreInfoUrl", "services", "qa", "updates", "aid" })
        {
            Assert.True(document.AsObject().ContainsKey(field), $"missing {field}");
        }

        Assert.Equal("normal", document["level"]!.GetValue<string>());
        foreach (var field in new[] { "slug", "name", "region", "website", "phone" })
        {
            Assert.True(document["town"]!.AsObject().ContainsKey(field), $"missing town.{field}");
        }

        Assert.False(string.IsNullOrEmpty(response.ETag()));
    }

    [Theory]
    [InlineData("does-not-exist-xyz")]
    [InlineData("Bad_Slug")]
    [InlineData("a")]
    public async Task Unknown_or_invalid_town_is_404(string slug) =>
        await app.Client().GetAsync($"/api/v1/towns/{slug}").Problem(HttpStatusCode.NotFound);

    [Fact]
    public async Task Service_catalogue_lists_the_shared_services_in_two_languages()
    {
        var catalogue = await app.Client().GetAsync("/api/v1/services").Ok();
        var services = catalogue["services"]!.AsArray();
        var ids = services.Select(s => s!["id"]!.GetValue<string>()).ToHashSet();
        foreach (var id in new[] { "phone", "fax", "email", "website", "online-services", "citizens-office", "id-documents",
                     "residence-registration", "vehicle-registration", "driving-licence", "civil-registry",
                     "business-registration", "building-permits", "social-benefits", "payments", "waste-collection" })
        {
            Assert.Contains(id, ids);
        }

        Assert.All(services, s =>
        {
            Assert.False(string.IsNullOrEmpty(s!["name"]!["de"]?.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(s["name"]!["en"]?.GetValue<string>()));
        });
    }

    [Fact]
    public async Task Health_is_ok_when_storage_answers()
    {
        var health = await app.Client().GetAsync("/api/v1/health").Ok();
        Assert.Equal("ok", health["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApi_document_lists_every_route()
    {
        // With the Functions app the document is a file of the site, written by the first render of a process.
        await app.Client(StatusHubApp.AdminKey).PostAsync("/api/v1/render", null).Ok();
        var openApi = await app.Client().GetAsync("/openapi/v1.json").Ok();
        var paths = openApi["paths"]!.AsObject().Select(p => p.Key).ToHashSet();
        foreach (var path in new[]
                 {
                     "/api/v1/towns", "/api/v1/towns/{town}", "/api/v1/towns/{town}/status", "/api/v1/towns/{town}/services",
                     "/api/v1/towns/{town}/services/{service}", "/api/v1/towns/{town}/qa", "/api/v1/towns/{town}/updates",
                     "/api/v1/towns/{town}/updates/{id}", "/api/v1/keys", "/api/v1/keys/{id}", "/api/v1/services", "/api/v1/health",
                 })
        {
            Assert.Contains(path, paths);
        }
    }

    [Fact]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)] // The reference docs page is the local server's (Scalar).
    public async Task The_server_serves_the_API_reference_docs_page()
    {
        using var docs = await app.CreateClient().GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("text/html", docs.Content.Headers.ContentType?.ToString());
    }
}
