using System.Net;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests;

/// <summary>The authorization matrix: every write route × no key, bad key, other town's key, region key, revoked key, own key, admin.</summary>
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
}
