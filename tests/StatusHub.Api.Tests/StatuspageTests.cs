using System.Net;
using System.Text.Json.Nodes;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Core.Rendering;

namespace StatusHub.Api.Tests;

/// <summary>The Statuspage v2 files of a town (<c>/{town}/api/v2/</c>) over HTTP, from publishing to the served site.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class StatuspageTests(StatusHubApp app)
{
    /// <summary>A page that reads the files from elsewhere, as a status widget on the district's website does.</summary>
    private const string WidgetOrigin = "https://www.landkreis.example.net";

    private readonly HttpClient _admin = app.Client(StatusHubApp.AdminKey);

    /// <summary>A disrupted town with e-mail down and three timeline updates, rendered.</summary>
    private async Task<(string Slug, HttpClient Town)> DisruptedTown(string? region = null)
    {
        var (slug, key) = await Towns.CreateWithKey(app, profile: Towns.Profile(region: region));
        var town = app.Client(key);
        await town.Put($"/api/v1/towns/{slug}/status", Towns.Status("disrupted", "E-Mail gestört")).Ok();
        await town.Put($"/api/v1/towns/{slug}/services", new
        {
            services = new object[]
            {
                new { id = "email", state = "unavailable" },
                new { id = "phone", state = "available" },
            },
        }).Ok();
        foreach (var (text, at) in new[] { ("Störung bemerkt.", "2023-11-20T08:05:00+01:00"), ("Ursache gefunden.", "2023-11-20T09:00:00+01:00"), ("Telefon geht.", "2023-11-20T10:00:00+01:00") })
        {
            await town.Post($"/api/v1/towns/{slug}/updates", new { text = new { de = text }, at }).Ok(HttpStatusCode.Created);
        }

        await _admin.PostAsync("/api/v1/render", null).Ok();
        return (slug, town);
    }

    private static HttpRequestMessage Get(string path, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.Add("Origin", WidgetOrigin);
        return request;
    }

    [Fact]
    public async Task Every_Statuspage_path_of_a_town_is_served_as_json_with_the_site_cache()
    {
        var (slug, _) = await DisruptedTown();
        var site = app.Client();
        using var statusJson = await site.GetAsync($"/{slug}/status.json");

        foreach (var path in SitePaths.Statuspage(slug).Select(p => "/" + p))
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
            {
                using var response = await site.SendAsync(Get(path, method));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: {(int)response.StatusCode}");
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(statusJson.Headers.CacheControl, response.Headers.CacheControl);
                Assert.NotNull(response.Content.Headers.LastModified);
            }

            var body = JsonNode.Parse(await site.GetStringAsync(path))!;
            Assert.Equal(slug, body["page"]!["id"]!.GetValue<string>());
        }

        var summary = JsonNode.Parse(await site.GetStringAsync($"/{slug}/api/v2/summary.json"))!;
        var incident = Assert.Single(summary["incidents"]!.AsArray())!;
        Assert.Equal(["Telefon geht.", "Ursache gefunden.", "Störung bemerkt."], incident["incident_updates"]!.AsArray().Select(u => u!["body"]!.GetValue<string>()));
        Assert.Equal("2023-11-20T09:00:00Z", incident["incident_updates"]![0]!["created_at"]!.GetValue<string>());
        var unresolved = JsonNode.Parse(await site.GetStringAsync($"/{slug}/api/v2/incidents/unresolved.json"))!;
        Assert.Equal(incident.ToJsonString(), unresolved["incidents"]![0]!.ToJsonString());
    }

    [Fact]
    public async Task The_incident_is_resolved_when_the_town_returns_to_normal()
    {
        var (slug, town) = await DisruptedTown();
        var site = app.Client();
        var open = JsonNode.Parse(await site.GetStringAsync($"/{slug}/api/v2/incidents.json"))!["incidents"]![0]!;

        await town.Put($"/api/v1/towns/{slug}/status", new { level = "normal", headline = new { de = "Alles wieder normal" }, asOf = "2023-11-21T12:00:00+01:00" }).Ok();
        await _admin.PostAsync("/api/v1/render", null).Ok();

        var incident = Assert.Single(JsonNode.Parse(await site.GetStringAsync($"/{slug}/api/v2/incidents.json"))!["incidents"]!.AsArray())!;
        Assert.Equal(open["id"]!.GetValue<string>(), incident["id"]!.GetValue<string>());
        Assert.Equal("resolved", incident["status"]!.GetValue<string>());
        Assert.Equal("2023-11-21T11:00:00Z", incident["resolved_at"]!.GetValue<string>());
        Assert.Equal(3, incident["incident_updates"]!.AsArray().Count);
        Assert.Empty(JsonNode.Parse(await site.GetStringAsync($"/{slug}/api/v2/incidents/unresolved.json"))!["incidents"]!.AsArray());
        Assert.Empty(JsonNode.Parse(await site.GetStringAsync($"/{slug}/api/v2/summary.json"))!["incidents"]!.AsArray());
        Assert.Equal("none", JsonNode.Parse(await site.GetStringAsync($"/{slug}/api/v2/status.json"))!["status"]!["indicator"]!.GetValue<string>());
    }

    [Fact]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)] // The storage static website sends no CORS header (Microsoft: "CORS isn't supported with static website"); on Azure Front Door sends SiteHeaders.All (InfraTests).
    public async Task Every_Statuspage_path_is_open_to_any_origin_and_the_api_and_the_region_feed_are_not()
    {
        var region = Towns.NewSlug("region");
        var (slug, _) = await DisruptedTown(region);
        var site = app.Client();
        foreach (var path in SitePaths.Statuspage(slug).Select(p => "/" + p))
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
            {
                using var response = await site.SendAsync(Get(path, method));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: {(int)response.StatusCode}");
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
            }
        }

        // The API answers CORS from its own allow-list (StatusHub:Cors:AllowedOrigins, empty here), never with '*'.
        var regionKey = (await _admin.Post("/api/v1/keys", new { scope = "region", region }).Ok(HttpStatusCode.Created))["key"]!.GetValue<string>();
        foreach (var (client, path) in new[] { (site, $"/api/v1/towns/{slug}"), (site, "/api/v1/health"), (app.Client(regionKey), $"/api/v1/regions/{region}/feed") })
        {
            using var response = await client.SendAsync(Get(path));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), path);
        }
    }
}
