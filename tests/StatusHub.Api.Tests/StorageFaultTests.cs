using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Core.Storage;

namespace StatusHub.Api.Tests;

/// <summary>Storage stopped under the API: 503 with Retry-After (never a 500), then recovery with every acknowledged write intact.</summary>
public sealed class StorageFaultTests : IAsyncLifetime
{
    private readonly StatusHubApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Stopped_storage_gives_503_with_retry_after_and_the_api_recovers()
    {
        var (slug, key) = await Towns.CreateWithKey(_app);
        var client = _app.Client(key);
        var admin = _app.Client(StatusHubApp.AdminKey);
        var incident = Towns.NewSlug("inc");
        await admin.Put($"/api/v1/incidents/{incident}", IncidentTests.Incident([slug], title: "Vor dem Ausfall")).Ok(HttpStatusCode.Created);
        var region = Towns.NewSlug("region");
        await admin.Put($"/api/v1/regions/{region}", new { name = new { de = "Vor dem Ausfall" } }).Ok(HttpStatusCode.Created);
        var provider = (await admin.Post("/api/v1/keys", new { scope = "provider", towns = new[] { slug } }).Ok(HttpStatusCode.Created))["key"]!.GetValue<string>();

        // Last before the outage: a status write drops the cached town list, so GET /api/v1/towns must ask storage.
        var acknowledged = await client.Put($"/api/v1/towns/{slug}/status", Towns.Status("emergency", "Vor dem Ausfall")).Ok();

        await _app.Azurite.StopAsync();

        foreach (var pending in new[]
                 {
                     client.Put($"/api/v1/towns/{slug}/status", Towns.Status("normal", "Während des Ausfalls")),
                     client.Post($"/api/v1/towns/{slug}/updates", new { text = new { de = "Während des Ausfalls" } }),
                     _app.Client().GetAsync($"/api/v1/towns/{slug}"),
                     _app.Client().GetAsync("/api/v1/towns"),
                     _app.Client().GetAsync("/api/v1/health"),
                     admin.Put($"/api/v1/incidents/{incident}", IncidentTests.Incident([slug], title: "Während des Ausfalls")),
                     _app.Client(provider).Put($"/api/v1/incidents/{incident}", IncidentTests.Incident([slug], title: "Während des Ausfalls")),
                     _app.Client(provider).Post($"/api/v1/incidents/{incident}/updates", new { text = new { de = "Während des Ausfalls" } }),
                     _app.Client().GetAsync($"/api/v1/incidents/{incident}"),
                     _app.Client().GetAsync("/api/v1/incidents"),
                     admin.Put($"/api/v1/regions/{region}", new { name = new { de = "Während des Ausfalls" } }),
                 })
        {
            using var response = await pending;
            await response.Problem(HttpStatusCode.ServiceUnavailable);
            var retryAfter = response.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        }

        await _app.Azurite.StartAsync();

        // The circuit breaker lets a probe through once its break ends; the API must answer again within seconds.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode health;
        do
        {
            await Task.Delay(250);
            using var response = await _app.Client().GetAsync("/api/v1/health");
            health = response.StatusCode;
        }
        while (health != HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.OK, health);

        // A 503 means not committed (no write of a town, a region or an incident has a step after its commit): neither the status nor the update of the
        // outage is stored, so a client may repeat them without duplicates.
        var document = await _app.Client().GetAsync($"/api/v1/towns/{slug}").Ok();
        Assert.Equal(acknowledged["headline"]!["de"]!.GetValue<string>(), document["headline"]!["de"]!.GetValue<string>());
        Assert.Empty(document["updates"]!.AsArray());

        var stored = await _app.Client().GetAsync($"/api/v1/incidents/{incident}").Ok();
        Assert.Equal("Vor dem Ausfall", stored["title"]!["de"]!.GetValue<string>());
        Assert.Empty(stored["updates"]!.AsArray());
        var regions = await _app.Client().GetAsync("/api/v1/regions").Ok();
        Assert.Equal("Vor dem Ausfall", regions["regions"]!.AsArray().Single(r => r!["slug"]!.GetValue<string>() == region)!["name"]!["de"]!.GetValue<string>());

        await client.Put($"/api/v1/towns/{slug}/status", Towns.Status("disrupted", "Nach dem Ausfall")).Ok();
        var after = await _app.Client().GetAsync($"/api/v1/towns/{slug}").Ok();
        Assert.Equal("Nach dem Ausfall", after["headline"]!["de"]!.GetValue<string>());
    }

    [Fact]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)] // Counts the storage calls of the host's own process.
    public async Task Once_the_circuit_is_open_requests_fail_fast_without_a_storage_call()
    {
        var (slug, key) = await Towns.CreateWithKey(_app);
        var client = _app.Client(key);
        await _app.Azurite.StopAsync();
        for (var i = 0; i < 5; i++)
        {
            using var failing = await client.Put($"/api/v1/towns/{slug}/status", Towns.Status("normal", "Während des Ausfalls"));
            await failing.Problem(HttpStatusCode.ServiceUnavailable);
        }

        var calls = _app.Services.GetRequiredService<StorageCalls>();
        var before = calls.Snapshot();
        for (var i = 0; i < 3; i++)
        {
            using var fast = await client.Put($"/api/v1/towns/{slug}/status", Towns.Status("normal", "Noch im Ausfall"));
            await fast.Problem(HttpStatusCode.ServiceUnavailable);
        }

        Assert.Equal(new StorageCallCount(0, 0, 0, 0), calls.Snapshot() - before);
    }
}
