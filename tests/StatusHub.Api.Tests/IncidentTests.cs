using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Core.Storage;

namespace StatusHub.Api.Tests;

/// <summary>
/// Shared incidents (API.md "Shared incidents", issue #17): written once, shown in every member town's document after one
/// render; ETag and If-Match, Idempotency-Key, validation with nothing stored, and the provider key's bounds.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class IncidentTests(StatusHubApp app)
{
    private HttpClient Admin => app.Client(StatusHubApp.AdminKey);

    [Fact]
    public async Task One_update_reaches_every_member_town_after_one_render_each_rendered_once()
    {
        var regionA = Towns.NewSlug("region");
        var regionB = Towns.NewSlug("region");
        var members = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var (slug, _) = await Towns.CreateWithKey(app, profile: Towns.Profile(region: i < 4 ? regionA : regionB));
            members.Add(slug);
        }

        var (outsider, _) = await Towns.CreateWithKey(app, profile: Towns.Profile(region: regionA));
        var provider = await ProviderKey(members);
        var incident = Towns.NewSlug("inc");
        await app.Client(provider).Put($"/api/v1/incidents/{incident}", Incident(members)).Ok(HttpStatusCode.Created);
        await Render();

        await app.Client(provider).Post($"/api/v1/incidents/{incident}/updates", new { text = new { de = "Fachverfahren laufen wieder an" } })
            .Ok(HttpStatusCode.Created);
        var rendered = await Render();
        Assert.Equal(members.Count, rendered["townsRendered"]!.GetValue<int>());

        foreach (var town in members)
        {
            var published = JsonNode.Parse(await app.Client().GetStringAsync($"/{town}/status.json"))!;
            var shown = published["incidents"]!.AsArray().Single()!;
            Assert.Equal(incident, shown["id"]!.GetValue<string>());
            Assert.Equal("Fachverfahren laufen wieder an", shown["updates"]![0]!["text"]!["de"]!.GetValue<string>());

            var document = await app.Client().GetAsync($"/api/v1/towns/{town}").Ok();
            Assert.Equal("Fachverfahren laufen wieder an", document["incidents"]![0]!["updates"]![0]!["text"]!["de"]!.GetValue<string>());
        }

        // The incident's own page lists every member town, and nothing else; its JSON is the API's document.
        var page = await app.Client().GetStringAsync($"/incidents/{incident}/");
        Assert.Contains("Fachverfahren laufen wieder an", page, StringComparison.Ordinal);
        Assert.All(members, town => Assert.Contains($"/{town}/", page, StringComparison.Ordinal));
        Assert.DoesNotContain($"/{outsider}/", page, StringComparison.Ordinal);
        var incidentJson = JsonNode.Parse(await app.Client().GetStringAsync($"/incidents/{incident}/incident.json"))!;
        Assert.Equal(members, incidentJson["towns"]!.AsArray().Select(t => t!.GetValue<string>()));

        var other = JsonNode.Parse(await app.Client().GetStringAsync($"/{outsider}/status.json"))!;
        Assert.Empty(other["incidents"]!.AsArray());
        Assert.Empty((await app.Client().GetAsync($"/api/v1/towns/{outsider}").Ok())["incidents"]!.AsArray());
    }

    [Fact]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)] // Counts the storage calls of the host's own process.
    public async Task A_tick_reads_a_changed_incident_once_not_once_per_member_town()
    {
        var region = Towns.NewSlug("region");
        var members = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            members.Add((await Towns.CreateWithKey(app, profile: Towns.Profile(region: region))).Slug);
        }

        var incident = Towns.NewSlug("inc");
        await Admin.Put($"/api/v1/incidents/{incident}", Incident(members)).Ok(HttpStatusCode.Created);
        await Render();
        await Admin.Post($"/api/v1/incidents/{incident}/updates", new { text = new { de = "Lage unverändert" } }).Ok(HttpStatusCode.Created);

        var calls = app.Services.GetRequiredService<StorageCalls>();
        var before = calls.Snapshot();
        var rendered = await Render();
        var tick = calls.Snapshot() - before;
        Assert.Equal(members.Count, rendered["townsRendered"]!.GetValue<int>());

        // Two marker queries, the region names, the directory, per member town one query and one point read of its render
        // state, the region's and the incident page's render state, and one query of the incident: reading the incident
        // once per member town would add seven more. Nothing of $web is read.
        Assert.True(tick.TableReads <= (2 * members.Count) + 7, $"{tick.TableReads} table reads for {members.Count} member towns");
        Assert.Equal(0, tick.BlobReads);
    }

    [Fact]
    public async Task Removing_a_town_from_the_incident_re_renders_it_without_the_incident()
    {
        var region = Towns.NewSlug("region");
        var (stays, _) = await Towns.CreateWithKey(app, profile: Towns.Profile(region: region));
        var (leaves, townKey) = await Towns.CreateWithKey(app, profile: Towns.Profile(region: region));
        var provider = await ProviderKey([stays, leaves]);
        var incident = Towns.NewSlug("inc");
        await app.Client(provider).Put($"/api/v1/incidents/{incident}", Incident([stays, leaves])).Ok(HttpStatusCode.Created);
        await Render();
        Assert.Single(JsonNode.Parse(await app.Client().GetStringAsync($"/{leaves}/status.json"))!["incidents"]!.AsArray());

        await app.Client(provider).Put($"/api/v1/incidents/{incident}", Incident([stays])).Ok();
        var rendered = await Render();
        Assert.Equal(2, rendered["townsRendered"]!.GetValue<int>());
        Assert.Empty(JsonNode.Parse(await app.Client().GetStringAsync($"/{leaves}/status.json"))!["incidents"]!.AsArray());
        Assert.Single(JsonNode.Parse(await app.Client().GetStringAsync($"/{stays}/status.json"))!["incidents"]!.AsArray());

        // The town's own audit trail shows both changes, by scope only: a town key never learns the provider key's id.
        var audit = (await app.Client(townKey).GetAsync($"/api/v1/towns/{leaves}/audit").Ok())["items"]!.AsArray();
        var joined = audit.Single(i => i!["operation"]!.GetValue<string>() == "incident.join")!;
        var left = audit.Single(i => i!["operation"]!.GetValue<string>() == "incident.leave")!;
        Assert.Equal("provider", joined["keyId"]!.GetValue<string>());
        Assert.Equal("provider", left["keyLabel"]!.GetValue<string>());
        Assert.Equal($"incidents/{incident}", left["resource"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_incident_is_public_with_its_timeline_and_listed_while_open_or_recently_resolved()
    {
        var (town, _) = await Towns.CreateWithKey(app);
        var incident = Towns.NewSlug("inc");
        using (var created = await Admin.Put($"/api/v1/incidents/{incident}", Incident([town])))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal($"/api/v1/incidents/{incident}", created.Headers.Location?.ToString());
            var body = await created.Json();
            Assert.Equal(incident, body["id"]!.GetValue<string>());
            Assert.Equal("2023-10-30T05:00:00Z", body["startedAt"]!.GetValue<string>());
        }

        await Admin.Post($"/api/v1/incidents/{incident}/updates", new { text = new { de = "Erste Meldung" }, at = "2023-10-30T09:00:00+01:00" }).Ok(HttpStatusCode.Created);
        var second = await Admin.Post($"/api/v1/incidents/{incident}/updates", new { text = new { de = "Zweite Meldung" }, at = "2023-10-31T09:00:00+01:00" }).Ok(HttpStatusCode.Created);

        using (var read = await app.Client().GetAsync($"/api/v1/incidents/{incident}"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.NotNull(read.Headers.ETag);
            var document = await read.Json();
            Assert.Equal([town], document["towns"]!.AsArray().Select(t => t!.GetValue<string>()));
            Assert.Equal(["Zweite Meldung", "Erste Meldung"], document["updates"]!.AsArray().Select(u => u!["text"]!["de"]!.GetValue<string>()));
        }

        var listed = (await app.Client().GetAsync("/api/v1/incidents").Ok())["incidents"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == incident)!;
        Assert.Equal(1, listed["townCount"]!.GetValue<int>());
        Assert.Equal("Cyberangriff auf den IT-Dienstleister", listed["title"]!["de"]!.GetValue<string>());

        using (var deleted = await Admin.DeleteAsync($"/api/v1/incidents/{incident}/updates/{second["id"]!.GetValue<string>()}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Single((await app.Client().GetAsync($"/api/v1/incidents/{incident}").Ok())["updates"]!.AsArray());
        await Admin.DeleteAsync($"/api/v1/incidents/{incident}/updates/{second["id"]!.GetValue<string>()}").Problem(HttpStatusCode.NotFound);

        // Resolved long ago: no longer in the list (two weeks after resolution), still readable on its own.
        await Admin.Put($"/api/v1/incidents/{incident}", Incident([town], resolvedAt: "2023-12-20T12:00:00+01:00")).Ok();
        Assert.DoesNotContain((await app.Client().GetAsync("/api/v1/incidents").Ok())["incidents"]!.AsArray(), i => i!["id"]!.GetValue<string>() == incident);
        Assert.Equal("2023-12-20T11:00:00Z", (await app.Client().GetAsync($"/api/v1/incidents/{incident}").Ok())["resolvedAt"]!.GetValue<string>());

        await app.Client().GetAsync($"/api/v1/incidents/{Towns.NewSlug("inc")}").Problem(HttpStatusCode.NotFound);
        await app.Client().GetAsync("/api/v1/incidents/Not_A_Slug").Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task If_match_guards_every_write_of_an_incident()
    {
        var (town, _) = await Towns.CreateWithKey(app);
        var incident = Towns.NewSlug("inc");
        await Admin.Put($"/api/v1/incidents/{incident}", Incident([town]), ("If-Match", "*")).Problem(HttpStatusCode.PreconditionFailed);
        using var created = await Admin.Put($"/api/v1/incidents/{incident}", Incident([town]));
        var etag = created.ETag();

        await Admin.Put($"/api/v1/incidents/{incident}", Incident([town], title: "Veraltet"), ("If-Match", "\"W/stale\"")).Problem(HttpStatusCode.PreconditionFailed);
        await Admin.Post($"/api/v1/incidents/{incident}/updates", new { text = new { de = "Veraltet" } }, ("If-Match", "\"W/stale\"")).Problem(HttpStatusCode.PreconditionFailed);
        var stored = await app.Client().GetAsync($"/api/v1/incidents/{incident}").Ok();
        Assert.Equal("Cyberangriff auf den IT-Dienstleister", stored["title"]!["de"]!.GetValue<string>());
        Assert.Empty(stored["updates"]!.AsArray());

        using var replaced = await Admin.Put($"/api/v1/incidents/{incident}", Incident([town], title: "Neu"), ("If-Match", etag));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.NotEqual(etag, replaced.ETag());
        await Admin.Put($"/api/v1/incidents/{incident}", Incident([town], title: "Zu spät"), ("If-Match", etag)).Problem(HttpStatusCode.PreconditionFailed);
        Assert.Equal("Neu", (await app.Client().GetAsync($"/api/v1/incidents/{incident}").Ok())["title"]!["de"]!.GetValue<string>());
    }

    [Fact]
    public async Task Idempotency_key_replays_the_first_answer_and_refuses_another_body()
    {
        var (town, _) = await Towns.CreateWithKey(app);
        var provider = await ProviderKey([town]);
        var incident = Towns.NewSlug("inc");
        var client = app.Client(provider);
        await client.Put($"/api/v1/incidents/{incident}", Incident([town])).Ok(HttpStatusCode.Created);
        var key = ("Idempotency-Key", Guid.NewGuid().ToString());

        var first = await client.Post($"/api/v1/incidents/{incident}/updates", new { text = new { de = "Einmal" } }, key).Ok(HttpStatusCode.Created);
        var replay = await client.Post($"/api/v1/incidents/{incident}/updates", new { text = new { de = "Einmal" } }, key).Ok(HttpStatusCode.Created);
        Assert.Equal(first["id"]!.GetValue<string>(), replay["id"]!.GetValue<string>());
        Assert.Equal(first["at"]!.GetValue<string>(), replay["at"]!.GetValue<string>());

        await client.Post($"/api/v1/incidents/{incident}/updates", new { text = new { de = "Anders" } }, key).Problem(HttpStatusCode.UnprocessableEntity);
        var updates = (await app.Client().GetAsync($"/api/v1/incidents/{incident}").Ok())["updates"]!.AsArray();
        Assert.Equal("Einmal", updates.Single()!["text"]!["de"]!.GetValue<string>());
    }

    public static TheoryData<string, string> BadIncidents => new()
    {
        { "{}", "title" },
        { """{"title":{"en":"Only English"},"summary":{"de":"S"},"towns":["TOWN"],"startedAt":"2023-10-30T06:00:00+01:00"}""", "title.de" },
        { """{"title":{"de":"T"},"towns":["TOWN"],"startedAt":"2023-10-30T06:00:00+01:00"}""", "summary" },
        { """{"title":{"de":"T"},"summary":{"de":"S"},"towns":[],"startedAt":"2023-10-30T06:00:00+01:00"}""", "towns" },
        { """{"title":{"de":"T"},"summary":{"de":"S"},"towns":["Not A Slug"],"startedAt":"2023-10-30T06:00:00+01:00"}""", "towns[0]" },
        { """{"title":{"de":"T"},"summary":{"de":"S"},"towns":["TOWN"]}""", "startedAt" },
        { """{"title":{"de":"T"},"summary":{"de":"S"},"towns":["TOWN"],"startedAt":"30.10.2023"}""", "startedAt" },
        { """{"title":{"de":"T"},"summary":{"de":"S"},"towns":["TOWN"],"startedAt":"2999-10-30T06:00:00+01:00"}""", "startedAt" },
        { """{"title":{"de":"T"},"summary":{"de":"S"},"towns":["TOWN"],"startedAt":"2023-10-30T06:00:00+01:00","resolvedAt":"2023-10-29T06:00:00+01:00"}""", "resolvedAt" },
        { """{"title":{"de":"T"},"summary":{"de":"S"},"towns":["TOWN"],"startedAt":"2023-10-30T06:00:00+01:00","moreInfoUrl":"javascript:alert(1)"}""", "moreInfoUrl" },
        { "{\"title\":{\"de\":\"" + new string('T', 201) + "\"},\"summary\":{\"de\":\"S\"},\"towns\":[\"TOWN\"],\"startedAt\":\"2023-10-30T06:00:00+01:00\"}", "title.de" },
        { """{"title":{"de":"T"},"summary":{"de":"S"},"towns":["TOWN","nowhere-town"],"startedAt":"2023-10-30T06:00:00+01:00"}""", "towns" },
    };

    [Theory]
    [MemberData(nameof(BadIncidents))]
    public async Task A_bad_incident_is_400_per_field_and_stores_nothing(string body, string field)
    {
        var (town, _) = await Towns.CreateWithKey(app);
        var incident = Towns.NewSlug("inc");
        var problem = await Admin.SendJson(HttpMethod.Put, $"/api/v1/incidents/{incident}", body.Replace("TOWN", town, StringComparison.Ordinal))
            .Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
        if (body.Contains("nowhere-town", StringComparison.Ordinal))
        {
            Assert.Contains("nowhere-town", problem["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }

        await app.Client().GetAsync($"/api/v1/incidents/{incident}").Problem(HttpStatusCode.NotFound);
        Assert.Empty((await app.Client().GetAsync($"/api/v1/towns/{town}").Ok())["incidents"]!.AsArray());
    }

    [Fact]
    public async Task A_bad_update_is_400_and_stores_nothing()
    {
        var (town, _) = await Towns.CreateWithKey(app);
        var incident = Towns.NewSlug("inc");
        await Admin.Put($"/api/v1/incidents/{incident}", Incident([town])).Ok(HttpStatusCode.Created);
        foreach (var (body, field) in new[]
                 {
                     ("{}", "text"),
                     ("""{"text":{"en":"English only"}}""", "text.de"),
                     ("""{"text":{"de":"Gut"},"at":"gestern"}""", "at"),
                     ("{\"text\":{\"de\":\"" + new string('x', 4001) + "\"}}", "text.de"),
                 })
        {
            var problem = await Admin.SendJson(HttpMethod.Post, $"/api/v1/incidents/{incident}/updates", body).Problem(HttpStatusCode.BadRequest);
            Assert.NotNull(problem["errors"]![field]);
        }

        Assert.Empty((await app.Client().GetAsync($"/api/v1/incidents/{incident}").Ok())["updates"]!.AsArray());
        await Admin.Post($"/api/v1/incidents/{Towns.NewSlug("inc")}/updates", new { text = new { de = "Wohin?" } }).Problem(HttpStatusCode.NotFound);
    }

    private async Task<string> ProviderKey(IEnumerable<string> towns) =>
        (await Admin.Post("/api/v1/keys", new { scope = "provider", towns = towns.ToArray(), label = "Leitstelle" }).Ok(HttpStatusCode.Created))["key"]!.GetValue<string>();

    private async Task<JsonNode> Render() => await Admin.PostAsync("/api/v1/render", null).Ok();

    /// <summary>An incident body as API.md shows it.</summary>
    public static object Incident(IEnumerable<string> towns, string title = "Cyberangriff auf den IT-Dienstleister", string? resolvedAt = null) => new
    {
        title = new { de = title, en = "Cyberattack on the IT provider" },
        summary = new { de = "Seit 30. Oktober sind die Fachverfahren der Kommunen nicht erreichbar." },
        towns = towns.ToArray(),
        startedAt = "2023-10-30T06:00:00+01:00",
        resolvedAt,
        moreInfoUrl = "https://www.example.org/cyberangriff",
    };
}
