using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests;

/// <summary>
/// API.md: every write returns the stored resource's ETag, and If-Match is judged by strong comparison (RFC 9110
/// §13.1.1): the ETag a write returned matches, <c>*</c> matches a stored resource, a weak tag <c>W/"…"</c> never
/// matches (412). On both hosts.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class WriteETagTests(StatusHubApp app)
{
    /// <summary>
    /// The write routes without an ETag, and why: nothing stored is left to tag after a subscription's deletion (the row
    /// is gone), and a render is an action, not a resource.
    /// </summary>
    private static readonly string[] Untagged = ["DELETE /api/v1/regions/{region}/subscriptions/{id}", "POST /api/v1/render"];

    private readonly HttpClient _admin = app.Client(StatusHubApp.AdminKey);

    [Fact]
    public async Task Every_write_route_answers_with_a_strong_etag()
    {
        var region = Towns.NewSlug("region");
        var receiver = Towns.NewSlug("recv");
        var provider = Towns.NewSlug("prov");
        var tagged = new Dictionary<string, string>();

        async Task<HttpResponseMessage> Write(string route, Task<HttpResponseMessage> pending, HttpStatusCode expected)
        {
            var response = await pending;
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{route}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
            var etag = response.Headers.ETag;
            Assert.True(etag is not null, $"{route}: no ETag");
            Assert.False(etag!.IsWeak, $"{route}: weak ETag {etag}");
            tagged[route] = etag.ToString();
            return response;
        }

        await Write("PUT /api/v1/towns/{town}", _admin.Put($"/api/v1/towns/{receiver}", Towns.Profile("Empfangsstadt", region, [provider])), HttpStatusCode.Created);
        await _admin.Put($"/api/v1/towns/{provider}", Towns.Profile("Helferstadt", region, [receiver])).Ok(HttpStatusCode.Created);
        await Write("PUT /api/v1/regions/{region}", _admin.Put($"/api/v1/regions/{region}", new { name = new { de = "Landkreis" } }), HttpStatusCode.Created);
        await Write("PUT /api/v1/towns/{town}/status", _admin.Put($"/api/v1/towns/{receiver}/status", Towns.Status()), HttpStatusCode.OK);
        await Write("PUT /api/v1/towns/{town}/services", _admin.Put($"/api/v1/towns/{receiver}/services",
            new { services = new[] { new { id = "email", state = "unavailable" } } }), HttpStatusCode.OK);
        await Write("PUT /api/v1/towns/{town}/services/{service}", _admin.Put($"/api/v1/towns/{receiver}/services/vehicle-registration",
            new { state = "unavailable" }), HttpStatusCode.OK);
        await Write("PUT /api/v1/towns/{town}/qa", _admin.Put($"/api/v1/towns/{receiver}/qa",
            new { items = new[] { new { id = "email", question = new { de = "E-Mail?" }, answer = new { de = "Nein." } } } }), HttpStatusCode.OK);
        using (var added = await Write("POST /api/v1/towns/{town}/updates", _admin.Post($"/api/v1/towns/{receiver}/updates",
            new { text = new { de = "Neu." } }), HttpStatusCode.Created))
        {
            var id = (await added.Json())["id"]!.GetValue<string>();
            await Write("DELETE /api/v1/towns/{town}/updates/{id}", _admin.DeleteAsync($"/api/v1/towns/{receiver}/updates/{id}"), HttpStatusCode.NoContent);
        }

        await Write("PUT /api/v1/towns/{town}/aid/{offerId}", _admin.Put($"/api/v1/towns/{provider}/aid/kfz",
            new { service = "vehicle-registration", forTowns = new[] { receiver }, note = new { de = "Im Bürgerbüro." } }), HttpStatusCode.OK);
        await Write("PUT /api/v1/towns/{town}/accepted-aid/{provider}/{offerId}",
            _admin.SendJson(HttpMethod.Put, $"/api/v1/towns/{receiver}/accepted-aid/{provider}/kfz", new { }), HttpStatusCode.OK);
        await Write("DELETE /api/v1/towns/{town}/accepted-aid/{provider}/{offerId}",
            _admin.DeleteAsync($"/api/v1/towns/{receiver}/accepted-aid/{provider}/kfz"), HttpStatusCode.NoContent);
        await Write("DELETE /api/v1/towns/{town}/aid/{offerId}", _admin.DeleteAsync($"/api/v1/towns/{provider}/aid/kfz"), HttpStatusCode.NoContent);
        var incident = Towns.NewSlug("inc");
        await Write("PUT /api/v1/incidents/{incident}", _admin.Put($"/api/v1/incidents/{incident}", IncidentTests.Incident([receiver])), HttpStatusCode.Created);
        using (var added = await Write("POST /api/v1/incidents/{incident}/updates", _admin.Post($"/api/v1/incidents/{incident}/updates",
            new { text = new { de = "Lage unverändert." } }), HttpStatusCode.Created))
        {
            var id = (await added.Json())["id"]!.GetValue<string>();
            await Write("DELETE /api/v1/incidents/{incident}/updates/{id}", _admin.DeleteAsync($"/api/v1/incidents/{incident}/updates/{id}"), HttpStatusCode.NoContent);
        }

        await Write("POST /api/v1/regions/{region}/subscriptions", _admin.Post($"/api/v1/regions/{region}/subscriptions",
            new { url = "http://127.0.0.1:9/hook", secret = "0123456789abcdef0123456789abcdef" }), HttpStatusCode.Created);
        using (var created = await Write("POST /api/v1/keys", _admin.Post("/api/v1/keys", new { scope = "town", town = receiver, label = "etag" }), HttpStatusCode.Created))
        {
            var id = (await created.Json())["id"]!.GetValue<string>();
            await Write("DELETE /api/v1/keys/{id}", _admin.DeleteAsync($"/api/v1/keys/{id}"), HttpStatusCode.NoContent);
        }

        // Every write route the host maps is either tagged above or a stated exception: a new write route fails here
        // until it answers with an ETag (and is added above) or is listed, with its reason, in Untagged.
        var writeRoutes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/v1/", StringComparison.Ordinal) && !raw.Contains("{*", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? [])
                .Where(m => m is "POST" or "PUT" or "DELETE" or "PATCH")
                .Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();
        Assert.Empty(writeRoutes.Except(tagged.Keys).Except(Untagged));
        Assert.Empty(tagged.Keys.Except(writeRoutes));
    }

    [Fact]
    public async Task If_match_is_judged_by_strong_comparison()
    {
        var slug = Towns.NewSlug();
        using var created = await _admin.Put($"/api/v1/towns/{slug}", Towns.Profile());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var etag = created.Headers.ETag!;
        Assert.False(etag.IsWeak);
        var weak = $"W/{etag.Tag}";

        // The same tag marked weak never matches, alone or in a list; the strong tag in a list does; so does '*'.
        await _admin.Put($"/api/v1/towns/{slug}/status", Towns.Status(), ("If-Match", weak)).Problem(HttpStatusCode.PreconditionFailed);
        await _admin.Put($"/api/v1/towns/{slug}/status", Towns.Status(), ("If-Match", $"{weak}, \"other\"")).Problem(HttpStatusCode.PreconditionFailed);
        await _admin.Put($"/api/v1/towns/{slug}/status", Towns.Status(), ("If-Match", "not-quoted")).Problem(HttpStatusCode.PreconditionFailed);
        using var matched = await _admin.Put($"/api/v1/towns/{slug}/status", Towns.Status("disrupted"), ("If-Match", $"\"other\", {etag.Tag}"));
        Assert.Equal(HttpStatusCode.OK, matched.StatusCode);
        var next = matched.Headers.ETag!;
        Assert.False(next.IsWeak);
        Assert.NotEqual(etag.Tag, next.Tag);
        await _admin.Put($"/api/v1/towns/{slug}/status", Towns.Status(), ("If-Match", etag.Tag)).Problem(HttpStatusCode.PreconditionFailed);
        await _admin.Put($"/api/v1/towns/{slug}/status", Towns.Status("emergency"), ("If-Match", "*")).Ok();

        // '*' matches only a stored resource: a town that does not exist yet is not created under it.
        var missing = Towns.NewSlug();
        await _admin.Put($"/api/v1/towns/{missing}", Towns.Profile(), ("If-Match", "*")).Problem(HttpStatusCode.PreconditionFailed);
        await _admin.GetAsync($"/api/v1/towns/{missing}").Problem(HttpStatusCode.NotFound);

        // The read gives the same strong tag the last write returned; a weak If-Match on a region write is refused too.
        using var read = await app.Client().GetAsync($"/api/v1/towns/{slug}");
        Assert.False(read.Headers.ETag!.IsWeak);
        var region = Towns.NewSlug("region");
        using var named = await _admin.Put($"/api/v1/regions/{region}", new { name = new { de = "Erst" } });
        var regionTag = named.Headers.ETag!;
        await _admin.Put($"/api/v1/regions/{region}", new { name = new { de = "Zweit" } }, ("If-Match", $"W/{regionTag.Tag}")).Problem(HttpStatusCode.PreconditionFailed);
        await _admin.Put($"/api/v1/regions/{region}", new { name = new { de = "Zweit" } }, ("If-Match", regionTag.Tag)).Ok();

        // Creating a key or subscription: the collection has no tag, so only '*' matches; nothing is created otherwise.
        var keysBefore = (await _admin.GetAsync("/api/v1/keys").Ok())["keys"]!.AsArray().Count;
        await _admin.Post("/api/v1/keys", new { scope = "town", town = slug, label = "tagged" }, ("If-Match", "\"any\"")).Problem(HttpStatusCode.PreconditionFailed);
        await _admin.Post($"/api/v1/regions/{region}/subscriptions", new { url = "http://127.0.0.1:9/hook", secret = "0123456789abcdef0123456789abcdef" },
            ("If-Match", "\"any\"")).Problem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(keysBefore, (await _admin.GetAsync("/api/v1/keys").Ok())["keys"]!.AsArray().Count);
        Assert.Empty((await _admin.GetAsync($"/api/v1/regions/{region}/subscriptions").Ok())["subscriptions"]!.AsArray());

        // A key's revocation and a subscription's deletion honour If-Match too: weak or stale is 412 and changes nothing.
        using var key = await _admin.Post("/api/v1/keys", new { scope = "town", town = slug, label = "if-match" }, ("If-Match", "*"));
        var keyId = (await key.Json())["id"]!.GetValue<string>();
        var keyTag = key.Headers.ETag!;
        await Delete($"/api/v1/keys/{keyId}", $"W/{keyTag.Tag}").Problem(HttpStatusCode.PreconditionFailed);
        Assert.Null((await _admin.GetAsync("/api/v1/keys").Ok())["keys"]!.AsArray().Single(k => k!["id"]!.GetValue<string>() == keyId)!["revokedAt"]);
        using (var revoked = await Delete($"/api/v1/keys/{keyId}", keyTag.Tag))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
            Assert.NotEqual(keyTag.Tag, revoked.Headers.ETag!.Tag);
        }

        await Delete($"/api/v1/keys/{keyId}", keyTag.Tag).Problem(HttpStatusCode.PreconditionFailed);

        using var subscription = await _admin.Post($"/api/v1/regions/{region}/subscriptions",
            new { url = "http://127.0.0.1:9/hook", secret = "0123456789abcdef0123456789abcdef" });
        var subscriptionId = (await subscription.Json())["id"]!.GetValue<string>();
        var subscriptionTag = subscription.Headers.ETag!;
        await Delete($"/api/v1/regions/{region}/subscriptions/{subscriptionId}", $"W/{subscriptionTag.Tag}").Problem(HttpStatusCode.PreconditionFailed);
        using (var deleted = await Delete($"/api/v1/regions/{region}/subscriptions/{subscriptionId}", subscriptionTag.Tag))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await Delete($"/api/v1/regions/{region}/subscriptions/{subscriptionId}", subscriptionTag.Tag).Problem(HttpStatusCode.NotFound);
    }

    private Task<HttpResponseMessage> Delete(string path, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return _admin.SendAsync(request);
    }
}
