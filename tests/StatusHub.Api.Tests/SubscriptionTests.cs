using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Api.Tests.Security;
using StatusHub.Core.Subscriptions;

namespace StatusHub.Api.Tests;

/// <summary>Its own app: small retry delays, disabled after 3 failed deliveries, at most 3 subscriptions per region.</summary>
public sealed class SubscriptionApp : StatusHubApp
{
    public const int DisableAfter = 3;
    public const int MaxRetries = 2;
    public const int MaxPerRegion = 3;

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["StatusHub:Delivery:MaxRetries"] = MaxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["StatusHub:Delivery:RetryDelay"] = "00:00:00.020";
        settings["StatusHub:Delivery:MaxRetryDelay"] = "00:00:00.100";
        settings["StatusHub:Delivery:AttemptTimeout"] = "00:00:20";
        settings["StatusHub:Delivery:DisableAfterFailures"] = DisableAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["StatusHub:Subscriptions:MaxPerRegion"] = MaxPerRegion.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// End to end with a real HTTP subscriber on 127.0.0.1: register over the API, change a town, render, and the
/// receiver gets the published status.json, signed with the secret; retries, disabling, validation and scopes.
/// </summary>
public sealed class SubscriptionTests(SubscriptionApp app) : IClassFixture<SubscriptionApp>, IAsyncLifetime
{
    private const string Secret = "s3cr3t-for-tests-0123456789";

    private readonly HttpClient _admin = app.Client(SubscriptionApp.AdminKey);
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private async Task<(string Region, string RegionKey, string Town, HttpClient TownClient)> RegionWithTown()
    {
        var region = Towns.NewSlug("region");
        var (town, key) = await Towns.CreateWithKey(app, profile: Towns.Profile(region: region));
        var regionKey = await _admin.Post("/api/v1/keys", new { scope = "region", region, label = "agency" }).Ok(HttpStatusCode.Created);
        return (region, regionKey["key"]!.GetValue<string>(), town, app.Client(key));
    }

    private Task<JsonNode> Subscribe(string region, string key, string hook, string secret = Secret) =>
        app.Client(key).Post($"/api/v1/regions/{region}/subscriptions", new { url = _receiver.Url(hook), secret }).Ok(HttpStatusCode.Created);

    private async Task ChangeAndRender(HttpClient town, string slug, string headline)
    {
        await town.Put($"/api/v1/towns/{slug}/status", Towns.Status("emergency", headline)).Ok();
        await _admin.PostAsync("/api/v1/render", null).Ok();
        await app.AfterRenderAsync();
    }

    private async Task<JsonNode> SubscriptionState(string region, string key, string id)
    {
        var list = await app.Client(key).GetAsync($"/api/v1/regions/{region}/subscriptions").Ok();
        return list["subscriptions"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == id)!;
    }

    private async Task<JsonNode> WaitForState(string region, string key, string id, Func<JsonNode, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var state = await SubscriptionState(region, key, id);
            if (condition(state))
            {
                return state;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Within 60 s the subscription never got {what}: {state.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    [Fact]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)] // Holds the server's in-process delivery worker in a run while the town changes again.
    public async Task A_delivery_sends_the_document_from_the_outbox_with_status_json_gone_from_the_site()
    {
        var (region, key, town, client) = await RegionWithTown();
        var (gate, hook) = ("gate-" + Guid.NewGuid().ToString("N"), "h-" + Guid.NewGuid().ToString("N"));
        using var open = new ManualResetEventSlim();
        _receiver.Answer = (name, number) =>
        {
            // The gate's first request holds the worker's first run (subscribers are served in parallel, the run waits for all).
            if (name == gate && number == 1)
            {
                open.Wait(TimeSpan.FromSeconds(15));
            }

            return 200;
        };
        await Subscribe(region, key, gate);
        await Subscribe(region, key, hook);

        await ChangeAndRender(client, town, "Erste Fassung");
        Assert.Contains("Erste Fassung", System.Text.Encoding.UTF8.GetString(Assert.Single(await _receiver.WaitFor(hook, 1)).Body), StringComparison.Ordinal);

        // While that run is held, the town changes and is rendered (its outbox row now holds the new document); then its
        // status.json is deleted from $web. The next run delivers the new document all the same: it never reads $web.
        await ChangeAndRender(client, town, "Zweite Fassung");
        var published = await app.Client().GetByteArrayAsync($"/{town}/status.json");
        await app.Services.GetRequiredService<StatusHub.Core.Storage.StatusHubStorage>().Web.DeleteBlobAsync($"{town}/status.json");
        using (var gone = await app.Client().GetAsync($"/{town}/status.json"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        open.Set();
        var second = (await _receiver.WaitFor(hook, 2))[1];
        Assert.Equal(published, second.Body);
        Assert.True(WebhookSignature.Verify(Secret, second.Body, second.Signature));
        Assert.Equal(2, (await _receiver.WaitFor(gate, 2)).Count);
    }

    [Fact]
    public async Task A_subscriber_gets_a_signed_delivery_of_each_change_in_its_region_and_none_for_other_regions()
    {
        var (regionA, keyA, townA, clientA) = await RegionWithTown();
        var (_, _, townB, clientB) = await RegionWithTown();
        var hook = "a-" + Guid.NewGuid().ToString("N");

        using (var response = await app.Client(keyA).Post($"/api/v1/regions/{regionA}/subscriptions", new { url = _receiver.Url(hook), secret = Secret }))
        {
            var created = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var body = JsonNode.Parse(created)!;
            Assert.Equal(_receiver.Url(hook), body["url"]!.GetValue<string>());
            Assert.Matches("^[0-9a-f]{32}$", body["id"]!.GetValue<string>());
            Assert.Equal($"/api/v1/regions/{regionA}/subscriptions/{body["id"]}", response.Headers.Location?.OriginalString);
            Assert.DoesNotContain(Secret, created, StringComparison.Ordinal);
        }

        await ChangeAndRender(clientA, townA, "Erste Änderung");
        var first = Assert.Single(await _receiver.WaitFor(hook, 1));
        var published = await app.Client().GetByteArrayAsync($"/{townA}/status.json");
        Assert.Equal(published, first.Body);
        Assert.True(WebhookSignature.Verify(Secret, first.Body, first.Signature), $"Signature {first.Signature} does not verify.");
        Assert.Matches("^sha256=[0-9a-f]{64}$", first.Signature!);
        Assert.False(WebhookSignature.Verify("another-secret-0123456789", first.Body, first.Signature));
        Assert.Matches("^[0-9a-f]{32}$", first.DeliveryId!);
        Assert.Equal("town.changed", first.Event);
        Assert.Equal("application/json", first.ContentType);
        Assert.StartsWith("StatusHub", first.UserAgent, StringComparison.Ordinal);
        Assert.Equal(townA, JsonNode.Parse(first.Body)!["town"]!["slug"]!.GetValue<string>());
        Assert.Contains("Erste Änderung", System.Text.Encoding.UTF8.GetString(first.Body), StringComparison.Ordinal);

        // A change in region B is published but not delivered to A's subscriber; the next change in A is.
        await ChangeAndRender(clientB, townB, "Änderung in B");
        await ChangeAndRender(clientA, townA, "Zweite Änderung");
        var both = await _receiver.WaitFor(hook, 2);
        Assert.Contains("Zweite Änderung", System.Text.Encoding.UTF8.GetString(both[1].Body), StringComparison.Ordinal);
        Assert.True(WebhookSignature.Verify(Secret, both[1].Body, both[1].Signature));
        Assert.NotEqual(both[0].DeliveryId, both[1].DeliveryId);

        // Every queued delivery is done once a run after the renders returns; a render without a change sends nothing.
        await _admin.PostAsync("/api/v1/render", null).Ok();
        await app.DeliverNowAsync();
        Assert.Equal(2, _receiver.For(hook).Count);
        Assert.All(_receiver.For(hook), d => Assert.Equal(townA, JsonNode.Parse(d.Body)!["town"]!["slug"]!.GetValue<string>()));
        Assert.DoesNotContain(_receiver.All, d => System.Text.Encoding.UTF8.GetString(d.Body).Contains(townB, StringComparison.Ordinal));

        var state = await SubscriptionState(regionA, keyA, await IdOf(regionA, keyA, hook));
        Assert.Equal(0, state["failureCount"]!.GetValue<int>());
        Assert.False(state["disabled"]!.GetValue<bool>());
        Assert.Equal(200, state["lastStatus"]!.GetValue<int>());
        Assert.NotNull(state["lastDeliveryAt"]);
        Assert.NotNull(state["createdAt"]);
        Assert.Null(state["secret"]);
        var listed = await app.Client(keyA).GetStringAsync($"/api/v1/regions/{regionA}/subscriptions");
        Assert.DoesNotContain(Secret, listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_attempt_is_retried_with_the_same_delivery_id()
    {
        var (region, key, town, client) = await RegionWithTown();
        var hook = "flaky-" + Guid.NewGuid().ToString("N");
        _receiver.Answer = (h, n) => h == hook && n == 1 ? 503 : 200;
        var id = (await Subscribe(region, key, hook))["id"]!.GetValue<string>();

        await ChangeAndRender(client, town, "Mit Wiederholung");
        var attempts = await _receiver.WaitFor(hook, 2);
        Assert.Equal(503, attempts[0].Answered);
        Assert.Equal(200, attempts[1].Answered);
        Assert.Equal(attempts[0].DeliveryId, attempts[1].DeliveryId);
        Assert.Equal(attempts[0].Body, attempts[1].Body);
        Assert.True(WebhookSignature.Verify(Secret, attempts[1].Body, attempts[1].Signature));

        var state = await WaitForState(region, key, id, s => s["lastStatus"]?.GetValue<int>() == 200, "a successful delivery");
        Assert.Equal(0, state["failureCount"]!.GetValue<int>());
        Assert.False(state["disabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_always_failing_subscriber_is_disabled_after_repeated_failures_and_gets_nothing_more_while_others_still_do()
    {
        var (region, key, town, client) = await RegionWithTown();
        var down = "down-" + Guid.NewGuid().ToString("N");
        var healthy = "ok-" + Guid.NewGuid().ToString("N");
        _receiver.Answer = (h, _) => h == down ? 500 : 200;
        var id = (await Subscribe(region, key, down))["id"]!.GetValue<string>();
        await Subscribe(region, key, healthy, "another-secret-for-the-healthy-one");

        for (var failures = 1; failures <= SubscriptionApp.DisableAfter; failures++)
        {
            await ChangeAndRender(client, town, $"Änderung {failures}");
            var state = await WaitForState(region, key, id, s => s["failureCount"]!.GetValue<int>() == failures, $"failureCount {failures}");
            Assert.Equal(500, state["lastStatus"]!.GetValue<int>());
            Assert.Equal(failures >= SubscriptionApp.DisableAfter, state["disabled"]!.GetValue<bool>());
            await _receiver.WaitFor(healthy, failures);
        }

        // Each failed delivery was the first attempt plus the configured retries, all with one delivery id.
        var requests = _receiver.For(down);
        Assert.Equal(SubscriptionApp.DisableAfter * (SubscriptionApp.MaxRetries + 1), requests.Count);
        Assert.Equal(SubscriptionApp.DisableAfter, requests.Select(r => r.DeliveryId).Distinct().Count());

        var disabled = await SubscriptionState(region, key, id);
        Assert.True(disabled["disabled"]!.GetValue<bool>());
        Assert.NotNull(disabled["disabledAt"]);
        Assert.Equal("HTTP 500", disabled["lastError"]!.GetValue<string>());

        await ChangeAndRender(client, town, "Nach der Abschaltung");
        await _receiver.WaitFor(healthy, SubscriptionApp.DisableAfter + 1);
        await app.DeliverNowAsync();
        Assert.Equal(requests.Count, _receiver.For(down).Count);
        Assert.Contains("Nach der Abschaltung", System.Text.Encoding.UTF8.GetString(_receiver.For(healthy)[^1].Body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "url": "http://example.org/hook", "secret": "0123456789abcdef" }""", "url")]
    [InlineData("""{ "url": "ftp://example.org/hook", "secret": "0123456789abcdef" }""", "url")]
    [InlineData("""{ "url": "https://user:pass@example.org/hook", "secret": "0123456789abcdef" }""", "url")]
    [InlineData("""{ "url": "https://example.org/hook#part", "secret": "0123456789abcdef" }""", "url")]
    [InlineData("""{ "url": "https://10.1.2.3/hook", "secret": "0123456789abcdef" }""", "url")]
    [InlineData("""{ "url": "https://169.254.169.254/metadata", "secret": "0123456789abcdef" }""", "url")]
    [InlineData("""{ "url": "/relative/hook", "secret": "0123456789abcdef" }""", "url")]
    [InlineData("""{ "secret": "0123456789abcdef" }""", "url")]
    [InlineData("""{ "url": "https://example.org/hook", "secret": "too-short" }""", "secret")]
    [InlineData("""{ "url": "https://example.org/hook", "secret": "has spaces in the secret value" }""", "secret")]
    [InlineData("""{ "url": "https://example.org/hook" }""", "secret")]
    public async Task Bad_subscriptions_are_400_problems_and_store_nothing(string body, string field)
    {
        var (region, key, _, _) = await RegionWithTown();
        using var response = await app.Client(key).Post($"/api/v1/regions/{region}/subscriptions", body);
        var problem = await response.Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);

        var list = await app.Client(key).GetAsync($"/api/v1/regions/{region}/subscriptions").Ok();
        Assert.Empty(list["subscriptions"]!.AsArray());
    }

    [Fact]
    public async Task Malformed_bodies_are_400_or_415_problems()
    {
        var (region, key, _, _) = await RegionWithTown();
        var client = app.Client(key);
        var url = $"/api/v1/regions/{region}/subscriptions";
        var longUrl = "https://example.org/" + new string('a', 2048);
        foreach (var body in new[]
                 {
                     """{ "url": "https://example.org/hook", "secret": "0123456789abcdef", "events": ["all"] }""",
                     """{ "url": 42, "secret": "0123456789abcdef" }""",
                     "[]",
                     "{",
                     $$"""{ "url": "{{longUrl}}", "secret": "0123456789abcdef" }""",
                     $$"""{ "url": "https://example.org/hook", "secret": "{{new string('x', 257)}}" }""",
                 })
        {
            using var response = await client.Post(url, body);
            await response.Problem(HttpStatusCode.BadRequest);
        }

        using var text = new StringContent("url=https://example.org", System.Text.Encoding.UTF8, "text/plain");
        using var wrongType = await client.PostAsync(url, text);
        await wrongType.Problem(HttpStatusCode.UnsupportedMediaType);
        Assert.Empty((await client.GetAsync(url).Ok())["subscriptions"]!.AsArray());
    }

    [Fact]
    public async Task Only_a_key_of_the_region_or_admin_may_manage_its_subscriptions()
    {
        var (region, key, town, _) = await RegionWithTown();
        var (_, otherRegionKey, _, _) = await RegionWithTown();
        var townKey = (await _admin.Post("/api/v1/keys", new { scope = "town", town, label = "town" }).Ok(HttpStatusCode.Created))["key"]!.GetValue<string>();
        var url = $"/api/v1/regions/{region}/subscriptions";
        var body = new { url = _receiver.Url("scoped"), secret = Secret };

        using (var anonymous = await app.Client().Post(url, body))
        {
            await anonymous.Problem(HttpStatusCode.Unauthorized);
        }

        using (var anonymousList = await app.Client().GetAsync(url))
        {
            await anonymousList.Problem(HttpStatusCode.Unauthorized);
        }

        foreach (var wrong in new[] { townKey, otherRegionKey })
        {
            using var create = await app.Client(wrong).Post(url, body);
            await create.Problem(HttpStatusCode.Forbidden);
            using var list = await app.Client(wrong).GetAsync(url);
            await list.Problem(HttpStatusCode.Forbidden);
        }

        var id = (await _admin.Post(url, body).Ok(HttpStatusCode.Created))["id"]!.GetValue<string>();
        using (var foreignDelete = await app.Client(otherRegionKey).DeleteAsync($"{url}/{id}"))
        {
            await foreignDelete.Problem(HttpStatusCode.Forbidden);
        }

        using (var invalidRegion = await app.Client(key).GetAsync("/api/v1/regions/NOT_A_SLUG/subscriptions"))
        {
            await invalidRegion.Problem(HttpStatusCode.NotFound);
        }

        using (var invalidCreate = await app.Client(key).Post("/api/v1/regions/NOT_A_SLUG/subscriptions", body))
        {
            await invalidCreate.Problem(HttpStatusCode.BadRequest);
        }

        Assert.Single((await app.Client(key).GetAsync(url).Ok())["subscriptions"]!.AsArray());
    }

    [Fact]
    public async Task Delete_is_204_then_404_and_unknown_ids_are_404()
    {
        var (region, key, _, _) = await RegionWithTown();
        var client = app.Client(key);
        var id = (await Subscribe(region, key, "deleted"))["id"]!.GetValue<string>();

        using (var deleted = await client.DeleteAsync($"/api/v1/regions/{region}/subscriptions/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        foreach (var missing in new[] { id, new string('0', 32), "not-an-id", "ABCDEF0123456789ABCDEF0123456789" })
        {
            using var again = await client.DeleteAsync($"/api/v1/regions/{region}/subscriptions/{missing}");
            await again.Problem(HttpStatusCode.NotFound);
        }

        Assert.Empty((await client.GetAsync($"/api/v1/regions/{region}/subscriptions").Ok())["subscriptions"]!.AsArray());
    }

    [Fact]
    public async Task A_region_has_at_most_the_configured_number_of_subscriptions()
    {
        var (region, key, _, _) = await RegionWithTown();
        for (var i = 0; i < SubscriptionApp.MaxPerRegion; i++)
        {
            await Subscribe(region, key, $"cap-{i}");
        }

        using var over = await app.Client(key).Post($"/api/v1/regions/{region}/subscriptions", new { url = _receiver.Url("cap-over"), secret = Secret });
        var problem = await over.Problem(HttpStatusCode.Conflict);
        Assert.Contains(SubscriptionApp.MaxPerRegion.ToString(System.Globalization.CultureInfo.InvariantCulture), problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(SubscriptionApp.MaxPerRegion, (await app.Client(key).GetAsync($"/api/v1/regions/{region}/subscriptions").Ok())["subscriptions"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_new_routes_are_in_the_OpenAPI_document()
    {
        await _admin.PostAsync("/api/v1/render", null).Ok();
        var openApi = await app.Client().GetAsync("/openapi/v1.json").Ok();
        var paths = openApi["paths"]!.AsObject();
        Assert.NotNull(paths["/api/v1/regions/{region}/subscriptions"]!["post"]);
        Assert.NotNull(paths["/api/v1/regions/{region}/subscriptions"]!["get"]);
        Assert.NotNull(paths["/api/v1/regions/{region}/subscriptions/{id}"]!["delete"]);
        Assert.DoesNotContain("\"secret\"", paths["/api/v1/regions/{region}/subscriptions"]!["get"]!.ToJsonString(), StringComparison.Ordinal);
    }

    private async Task<string> IdOf(string region, string key, string hook)
    {
        var list = await app.Client(key).GetAsync($"/api/v1/regions/{region}/subscriptions").Ok();
        return list["subscriptions"]!.AsArray().Single(s => s!["url"]!.GetValue<string>() == _receiver.Url(hook))!["id"]!.GetValue<string>();
    }
}

/// <summary>A whole subscription run with every log entry captured: neither the secret nor a subscriber's answer body is logged.</summary>
public sealed class SubscriptionSecretLeakTests(LoggedApp app) : IClassFixture<LoggedApp>
{
    [Fact]
    public async Task Neither_the_secret_nor_the_subscribers_answer_appears_in_any_log_entry()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (_, n) => n == 1 ? 500 : 200;
        const string secret = "leak-check-secret-0123456789abcdef";
        var admin = app.Client(StatusHubApp.AdminKey);
        var region = Towns.NewSlug("region");
        var (town, key) = await Towns.CreateWithKey(app, profile: Towns.Profile(region: region));

        var url = $"/api/v1/regions/{region}/subscriptions";
        var answers = new List<string>
        {
            await (await admin.Post(url, new { url = receiver.Url("leak"), secret })).Content.ReadAsStringAsync(),
            await (await admin.Post(url, new { url = "http://example.org/hook", secret })).Content.ReadAsStringAsync(),
            await (await admin.Post(url, new { url = receiver.Url("leak"), secret = secret + " x" })).Content.ReadAsStringAsync(),
        };
        await app.Client(key).Put($"/api/v1/towns/{town}/status", Towns.Status("emergency", "Leck-Test")).Ok();
        await admin.PostAsync("/api/v1/render", null).Ok();
        await app.AfterRenderAsync();
        await receiver.WaitFor("leak", 2);
        await app.DeliverNowAsync();
        answers.Add(await admin.GetStringAsync(url));

        var logs = app.Logs.Entries;
        Assert.Contains(logs, l => l.Message.Contains("Delivered", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Message.Contains("retry", StringComparison.Ordinal));
        foreach (var needle in new[] { secret, receiver.ResponseBody })
        {
            var leaked = logs.Where(l => l.Text.Contains(needle, StringComparison.Ordinal)).Select(l => $"[{l.Category}] {l.Text}").ToList();
            Assert.True(leaked.Count == 0, $"'{needle}' appears in {leaked.Count} log entries:\n{string.Join("\n", leaked)}");
            Assert.DoesNotContain(answers, a => a.Contains(needle, StringComparison.Ordinal));
        }
    }
}
