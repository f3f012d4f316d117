using System.Net;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests;

/// <summary>
/// The authorization matrix: every write route × no key, bad key, other town's key, region key, provider key, revoked key,
/// own key, admin; shared incidents × provider key of its towns, of other towns, town key, region key, no key, revoked key.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class AuthorizationTests(StatusHubApp app)
{
    public static TheoryData<string, string, string> TownWrites => new()
    {
        { "PUT", "/status", """{"level":"disrupted","headline":{"de":"Störung"}}""" },
        { "PUT", "/services/email", """{"state":"unavailable"}""" },
        { "PUT", "/services", """{"services":[{"id":"phone","state":"available"}]}""" },
        { "PUT", "/qa", """{"items":[{"id":"q1","question":{"de":"Frage?"},"answer":{"de":"Antwort."}}]}""" },
        { "POST", "/updates", """{"text":{"de":"Neu"}}""" },
    };

    [Theory]
    [MemberData(nameof(TownWrites))]
    public async Task Town_writes_follow_the_matrix(string method, string path, string body)
    {
        var (slug, ownKey) = await Towns.CreateWithKey(app);
        var (_, otherTownKey) = await Towns.CreateWithKey(app);
        var regionKey = (await app.Client(StatusHubApp.AdminKey)
            .Post("/api/v1/keys", new { scope = "region", region = "test-region" }).Ok(HttpStatusCode.Created))["key"]!.GetValue<string>();
        var url = $"/api/v1/towns/{slug}{path}";
        var verb = new HttpMethod(method);

        using (var none = await app.Client().SendJson(verb, url, body))
        {
            await none.Problem(HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        }

        await app.Client("shk_0123456789abcdef_wrongsecret").SendJson(verb, url, body).Problem(HttpStatusCode.Unauthorized);
        await app.Client(ownKey[..^2] + "xx").SendJson(verb, url, body).Problem(HttpStatusCode.Unauthorized);
        await app.Client("plainly wrong").SendJson(verb, url, body).Problem(HttpStatusCode.Unauthorized);
        await app.Client(otherTownKey).SendJson(verb, url, body).Problem(HttpStatusCode.Forbidden);
        await app.Client(regionKey).SendJson(verb, url, body).Problem(HttpStatusCode.Forbidden);

        var expected = method == "POST" ? HttpStatusCode.Created : HttpStatusCode.OK;
        await app.Client(ownKey).SendJson(verb, url, body).Ok(expected);
        await app.Client(StatusHubApp.AdminKey).SendJson(verb, url, body).Ok(expected);

        await app.Client(StatusHubApp.AdminKey).DeleteAsync($"/api/v1/keys/{ownKey.Split('_')[1]}");
        await app.Client(ownKey).SendJson(verb, url, body).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Deleting_an_update_needs_the_towns_key()
    {
        var (slug, ownKey) = await Towns.CreateWithKey(app);
        var (_, otherTownKey) = await Towns.CreateWithKey(app);
        var update = await app.Client(ownKey).Post($"/api/v1/towns/{slug}/updates", new { text = new { de = "Eintrag" } }).Ok(HttpStatusCode.Created);
        var url = $"/api/v1/towns/{slug}/updates/{update["id"]!.GetValue<string>()}";

        await app.Client().DeleteAsync(url).Problem(HttpStatusCode.Unauthorized);
        await app.Client(otherTownKey).DeleteAsync(url).Problem(HttpStatusCode.Forbidden);
        using var deleted = await app.Client(ownKey).DeleteAsync(url);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task Admin_routes_reject_town_keys()
    {
        var (slug, ownKey) = await Towns.CreateWithKey(app);
        var town = app.Client(ownKey);
        await town.Put($"/api/v1/towns/{slug}", Towns.Profile()).Problem(HttpStatusCode.Forbidden);
        await town.Post("/api/v1/keys", new { scope = "town", town = slug }).Problem(HttpStatusCode.Forbidden);
        await town.GetAsync("/api/v1/keys").Problem(HttpStatusCode.Forbidden);
        await town.DeleteAsync($"/api/v1/keys/{ownKey.Split('_')[1]}").Problem(HttpStatusCode.Forbidden);
        await app.Client().GetAsync("/api/v1/keys").Problem(HttpStatusCode.Unauthorized);
        await app.Client().Put($"/api/v1/towns/{slug}", Towns.Profile()).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_provider_key_writes_incidents_of_its_own_towns_and_nothing_else()
    {
        var region = Towns.NewSlug("region");
        var (own, ownTownKey) = await Towns.CreateWithKey(app, profile: Towns.Profile(region: region));
        var (alsoOwn, _) = await Towns.CreateWithKey(app, profile: Towns.Profile(region: region));
        var (foreign, _) = await Towns.CreateWithKey(app, profile: Towns.Profile(region: region));
        var admin = app.Client(StatusHubApp.AdminKey);
        var created = await admin.Post("/api/v1/keys", new { scope = "provider", towns = new[] { own, alsoOwn }, label = "Leitstelle" }).Ok(HttpStatusCode.Created);
        var providerKey = created["key"]!.GetValue<string>();
        var provider = app.Client(providerKey);

        // Nothing but incidents: every town, key, region, subscription and render route refuses it, for its own towns too.
        foreach (var (method, url, body) in new (string, string, object?)[]
                 {
                     ("PUT", $"/api/v1/towns/{own}", Towns.Profile(region: region)),
                     ("PUT", $"/api/v1/towns/{own}/status", Towns.Status()),
                     ("PUT", $"/api/v1/towns/{own}/services/email", new { state = "unavailable" }),
                     ("PUT", $"/api/v1/towns/{own}/services", new { services = new[] { new { id = "phone", state = "available" } } }),
                     ("PUT", $"/api/v1/towns/{own}/qa", new { items = Array.Empty<object>() }),
                     ("POST", $"/api/v1/towns/{own}/updates", new { text = new { de = "Neu" } }),
                     ("DELETE", $"/api/v1/towns/{own}/updates/0123456789abcdef", null),
                     ("PUT", $"/api/v1/towns/{own}/aid/kfz", new { service = "vehicle-registration", note = new { de = "Hilfe" } }),
                     ("PUT", $"/api/v1/towns/{own}/accepted-aid/{alsoOwn}/kfz", new { }),
                     ("GET", $"/api/v1/towns/{own}/aid", null),
                     ("GET", $"/api/v1/towns/{own}/audit", null),
                     ("POST", "/api/v1/keys", new { scope = "town", town = own }),
                     ("POST", "/api/v1/keys", new { scope = "provider", towns = new[] { own } }),
                     ("GET", "/api/v1/keys", null),
                     ("DELETE", $"/api/v1/keys/{created["id"]!.GetValue<string>()}", null),
                     ("PUT", $"/api/v1/regions/{region}", new { name = new { de = "Kreis" } }),
                     ("GET", $"/api/v1/regions/{region}/feed", null),
                     ("POST", $"/api/v1/regions/{region}/subscriptions", new { url = "https://example.org/hook", secret = "0123456789abcdef0123456789abcdef" }),
                     ("GET", $"/api/v1/regions/{region}/subscriptions", null),
                     ("POST", "/api/v1/render", null),
                 })
        {
            await provider.SendJson(new HttpMethod(method), url, body).Problem(HttpStatusCode.Forbidden);
        }

        // An incident naming a town outside its list: 403, nothing stored.
        var outside = Towns.NewSlug("inc");
        await provider.Put($"/api/v1/incidents/{outside}", IncidentTests.Incident([own, foreign])).Problem(HttpStatusCode.Forbidden);
        await app.Client().GetAsync($"/api/v1/incidents/{outside}").Problem(HttpStatusCode.NotFound);
        Assert.Empty((await app.Client().GetAsync($"/api/v1/towns/{own}").Ok())["incidents"]!.AsArray());

        // An incident the admin wrote with a town outside its list: the provider can neither take it over nor add to it.
        var shared = Towns.NewSlug("inc");
        await admin.Put($"/api/v1/incidents/{shared}", IncidentTests.Incident([own, foreign])).Ok(HttpStatusCode.Created);
        await provider.Put($"/api/v1/incidents/{shared}", IncidentTests.Incident([own], title: "Übernommen")).Problem(HttpStatusCode.Forbidden);
        await provider.Post($"/api/v1/incidents/{shared}/updates", new { text = new { de = "Fremd" } }).Problem(HttpStatusCode.Forbidden);
        var untouched = await app.Client().GetAsync($"/api/v1/incidents/{shared}").Ok();
        Assert.Equal([own, foreign], untouched["towns"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Empty(untouched["updates"]!.AsArray());

        // Its own towns: create, update, delete an update.
        var incident = Towns.NewSlug("inc");
        await provider.Put($"/api/v1/incidents/{incident}", IncidentTests.Incident([own, alsoOwn])).Ok(HttpStatusCode.Created);
        await provider.Put($"/api/v1/incidents/{incident}", IncidentTests.Incident([own])).Ok();
        var update = await provider.Post($"/api/v1/incidents/{incident}/updates", new { text = new { de = "Lage" } }).Ok(HttpStatusCode.Created);
        using (var deleted = await provider.DeleteAsync($"/api/v1/incidents/{incident}/updates/{update["id"]!.GetValue<string>()}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        // Town and region keys write no incident, not even of their own town; no key is 401.
        var regionKey = (await admin.Post("/api/v1/keys", new { scope = "region", region }).Ok(HttpStatusCode.Created))["key"]!.GetValue<string>();
        foreach (var key in new[] { ownTownKey, regionKey })
        {
            await app.Client(key).Put($"/api/v1/incidents/{incident}", IncidentTests.Incident([own])).Problem(HttpStatusCode.Forbidden);
            await app.Client(key).Put($"/api/v1/incidents/{Towns.NewSlug("inc")}", IncidentTests.Incident([own])).Problem(HttpStatusCode.Forbidden);
            await app.Client(key).Post($"/api/v1/incidents/{incident}/updates", new { text = new { de = "Nein" } }).Problem(HttpStatusCode.Forbidden);
        }

        await app.Client().Put($"/api/v1/incidents/{incident}", IncidentTests.Incident([own])).Problem(HttpStatusCode.Unauthorized);
        await app.Client().Post($"/api/v1/incidents/{incident}/updates", new { text = new { de = "Nein" } }).Problem(HttpStatusCode.Unauthorized);

        // Listed with its towns, revoked like every key.
        var listed = (await admin.GetAsync("/api/v1/keys").Ok())["keys"]!.AsArray().Single(k => k!["id"]!.GetValue<string>() == created["id"]!.GetValue<string>())!;
        Assert.Equal("provider", listed["scope"]!.GetValue<string>());
        Assert.Equal([own, alsoOwn], listed["towns"]!.AsArray().Select(t => t!.GetValue<string>()));
        await admin.DeleteAsync($"/api/v1/keys/{created["id"]!.GetValue<string>()}");
        await provider.Post($"/api/v1/incidents/{incident}/updates", new { text = new { de = "Widerrufen" } }).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_provider_key_needs_known_towns()
    {
        var (town, _) = await Towns.CreateWithKey(app);
        var admin = app.Client(StatusHubApp.AdminKey);
        var unknown = await admin.Post("/api/v1/keys", new { scope = "provider", towns = new[] { town, "nowhere-town" } }).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("nowhere-town", unknown["errors"]!["towns"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await admin.Post("/api/v1/keys", new { scope = "provider" }).Problem(HttpStatusCode.BadRequest);
        await admin.Post("/api/v1/keys", new { scope = "provider", towns = Array.Empty<string>() }).Problem(HttpStatusCode.BadRequest);
        await admin.Post("/api/v1/keys", new { scope = "town", town, towns = new[] { town } }).Problem(HttpStatusCode.BadRequest);
    }
}
