using System.Net;
using System.Text.Json.Nodes;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests;

/// <summary>Success paths of status, services, Q&amp;A and timeline, read back through the town document.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class PublishingTests(StatusHubApp app)
{
    private async Task<(HttpClient Client, string Slug)> NewTown()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        return (app.Client(key), slug);
    }

    private Task<JsonNode> Document(string slug) => app.Client().GetAsync($"/api/v1/towns/{slug}").Ok();

    [Fact]
    public async Task Status_is_stored_in_utc_and_returned_with_the_document_etag()
    {
        var (client, slug) = await NewTown();
        using var response = await client.Put($"/api/v1/towns/{slug}/status", Towns.Status());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await response.Json();
        Assert.Equal("emergency", stored["level"]!.GetValue<string>());
        Assert.Equal("2023-11-20T07:00:00Z", stored["asOf"]!.GetValue<string>());

        using var get = await app.Client().GetAsync($"/api/v1/towns/{slug}");
        Assert.Equal(response.ETag(), get.ETag());
        var document = await get.Json();
        Assert.Equal("emergency", document["level"]!.GetValue<string>());
        Assert.Equal("Cyberangriff: Notbetrieb", document["headline"]!["de"]!.GetValue<string>());
        Assert.Equal("Cyberattack", document["headline"]!["en"]!.GetValue<string>());
        Assert.Equal("https://www.example.org/cyberangriff", document["moreInfoUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_without_asOf_defaults_to_the_time_of_the_write()
    {
        var (client, slug) = await NewTown();
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var stored = await client.Put($"/api/v1/towns/{slug}/status", new { level = "normal", headline = new { de = "Alles normal" } }).Ok();
        var asOf = DateTimeOffset.Parse(stored["asOf"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.EndsWith("Z", stored["asOf"]!.GetValue<string>());
        Assert.InRange(asOf, before, DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task Removing_a_language_from_the_headline_removes_it_from_the_document()
    {
        var (client, slug) = await NewTown();
        await client.Put($"/api/v1/towns/{slug}/status", Towns.Status()).Ok();
        await client.Put($"/api/v1/towns/{slug}/status", new { level = "disrupted", headline = new { de = "Nur Deutsch" } }).Ok();
        var headline = (await Document(slug))["headline"]!.AsObject();
        Assert.Equal(["de"], headline.Select(p => p.Key));
    }

    [Fact]
    public async Task Services_can_be_set_one_by_one_and_replaced_as_a_list()
    {
        var (client, slug) = await NewTown();
        var email = await client.Put($"/api/v1/towns/{slug}/services/email",
            new { state = "unavailable", note = new { de = "Nicht per E-Mail erreichbar." } }).Ok();
        Assert.Equal("E-Mail", email["name"]!["de"]!.GetValue<string>());
        await client.Put($"/api/v1/towns/{slug}/services/phone", new { state = "available" }).Ok();
        await client.Put($"/api/v1/towns/{slug}/services/notfallbuero", new { state = "limited", name = new { de = "Notfallbüro", en = "Emergency desk" } }).Ok();

        var services = (await Document(slug))["services"]!.AsArray();
        Assert.Equal(["phone", "email", "notfallbuero"], services.Select(s => s!["id"]!.GetValue<string>()));
        Assert.Equal("Emergency desk", services[2]!["name"]!["en"]!.GetValue<string>());

        var replaced = await client.Put($"/api/v1/towns/{slug}/services", new
        {
            services = new object[]
            {
                new { id = "vehicle-registration", state = "unavailable", note = new { de = "Bitte Nachbarorte nutzen." } },
                new { id = "phone", state = "limited" },
            },
        }).Ok();
        Assert.Equal(["vehicle-registration", "phone"], replaced["services"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));

        var after = (await Document(slug))["services"]!.AsArray();
        Assert.Equal(["vehicle-registration", "phone"], after.Select(s => s!["id"]!.GetValue<string>()));
        Assert.Equal("limited", after[1]!["state"]!.GetValue<string>());
        Assert.Equal("Kfz-Zulassung", after[0]!["name"]!["de"]!.GetValue<string>());
    }

    /// <summary>Issue 19: which channels a page shows first is the town's choice, the order of its list.</summary>
    [Fact]
    public async Task A_full_list_sets_the_towns_order_which_later_writes_keep_and_new_services_follow()
    {
        var (client, slug) = await NewTown();
        await client.Put($"/api/v1/towns/{slug}/services", new
        {
            services = new object[]
            {
                new { id = "vehicle-registration", state = "unavailable" },
                new { id = "citizens-office", state = "limited" },
                new { id = "phone", state = "available" },
            },
        }).Ok();

        // A single service changed keeps its place; one added follows the ordered ones; status and profile writes keep the order.
        await client.Put($"/api/v1/towns/{slug}/services/citizens-office", new { state = "available" }).Ok();
        await client.Put($"/api/v1/towns/{slug}/services/email", new { state = "unavailable" }).Ok();
        await client.Put($"/api/v1/towns/{slug}/services/fax", new { state = "unavailable" }).Ok();
        await client.Put($"/api/v1/towns/{slug}/status", new { level = "disrupted", headline = new { de = "Eingeschränkt" } }).Ok();
        var town = (await app.Client(StatusHubApp.AdminKey).GetAsync($"/api/v1/towns/{slug}").Ok())["town"]!;
        await app.Client(StatusHubApp.AdminKey).Put($"/api/v1/towns/{slug}", new
        {
            name = town["name"]!.GetValue<string>(),
            region = town["region"]!.GetValue<string>(),
            phone = "07473 370-0",
        }).Ok();

        var services = (await Document(slug))["services"]!.AsArray();
        Assert.Equal(["vehicle-registration", "citizens-office", "phone", "email", "fax"], services.Select(s => s!["id"]!.GetValue<string>()));
        Assert.Equal("available", services[1]!["state"]!.GetValue<string>());

        // A list without services forgets the order; the catalogue's order is the default again.
        await client.Put($"/api/v1/towns/{slug}/services", new { services = Array.Empty<object>() }).Ok();
        await client.Put($"/api/v1/towns/{slug}/services/online-services", new { state = "limited" }).Ok();
        await client.Put($"/api/v1/towns/{slug}/services/phone", new { state = "available" }).Ok();
        Assert.Equal(["phone", "online-services"], (await Document(slug))["services"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Qa_keeps_the_given_order_and_a_shorter_list_replaces_a_longer_one()
    {
        var (client, slug) = await NewTown();
        object Item(string id, string question) => new { id, question = new { de = question }, answer = new { de = $"Antwort auf {question}" } };

        await client.Put($"/api/v1/towns/{slug}/qa", new { items = new[] { Item("zeta", "Z?"), Item("alpha", "A?"), Item("mid", "M?") } }).Ok();
        var qa = (await Document(slug))["qa"]!.AsArray();
        Assert.Equal(["zeta", "alpha", "mid"], qa.Select(q => q!["id"]!.GetValue<string>()));
        Assert.Equal("Antwort auf A?", qa[1]!["answer"]!["de"]!.GetValue<string>());

        await client.Put($"/api/v1/towns/{slug}/qa", new { items = new[] { Item("only", "O?") } }).Ok();
        qa = (await Document(slug))["qa"]!.AsArray();
        Assert.Equal(["only"], qa.Select(q => q!["id"]!.GetValue<string>()));

        await client.Put($"/api/v1/towns/{slug}/qa", new { items = Array.Empty<object>() }).Ok();
        Assert.Empty((await Document(slug))["qa"]!.AsArray());
    }

    [Fact]
    public async Task Updates_are_listed_newest_first_and_can_be_deleted()
    {
        var (client, slug) = await NewTown();
        var older = await client.Post($"/api/v1/towns/{slug}/updates", new { text = new { de = "Erst" }, at = "2023-11-17T10:00:00+01:00" }).Ok(HttpStatusCode.Created);
        var newer = await client.Post($"/api/v1/towns/{slug}/updates", new { text = new { de = "Dann" }, at = "2023-11-18T10:00:00+01:00" }).Ok(HttpStatusCode.Created);
        Assert.Equal("2023-11-17T09:00:00Z", older["at"]!.GetValue<string>());

        var updates = (await Document(slug))["updates"]!.AsArray();
        Assert.Equal(["Dann", "Erst"], updates.Select(u => u!["text"]!["de"]!.GetValue<string>()));

        var url = $"/api/v1/towns/{slug}/updates/{older["id"]!.GetValue<string>()}";
        using (var deleted = await client.DeleteAsync(url))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            Assert.False(string.IsNullOrEmpty(deleted.ETag()));
        }

        await client.DeleteAsync(url).Problem(HttpStatusCode.NotFound);
        updates = (await Document(slug))["updates"]!.AsArray();
        Assert.Equal([newer["id"]!.GetValue<string>()], updates.Select(u => u!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Idempotent_replay_returns_the_first_response_and_stores_one_update()
    {
        var (client, slug) = await NewTown();
        var body = new { text = new { de = "Telefon funktioniert wieder." } };
        using var first = await client.Post($"/api/v1/towns/{slug}/updates", body, ("Idempotency-Key", "run-42"));
        using var replay = await client.Post($"/api/v1/towns/{slug}/updates", body, ("Idempotency-Key", "run-42"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal((await first.Json()).ToJsonString(), (await replay.Json()).ToJsonString());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);

        await client.Post($"/api/v1/towns/{slug}/updates", new { text = new { de = "Anderer Text" } }, ("Idempotency-Key", "run-42"))
            .Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Single((await Document(slug))["updates"]!.AsArray());
    }

    [Fact]
    public async Task Concurrent_replays_of_one_idempotency_key_store_one_update()
    {
        var (client, slug) = await NewTown();
        var body = new { text = new { de = "Gleichzeitig" } };
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            client.Post($"/api/v1/towns/{slug}/updates", body, ("Idempotency-Key", "parallel"))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = new HashSet<string>();
        foreach (var response in responses)
        {
            ids.Add((await response.Json())["id"]!.GetValue<string>());
            response.Dispose();
        }

        Assert.Single(ids);
        Assert.Single((await Document(slug))["updates"]!.AsArray());
    }
}
