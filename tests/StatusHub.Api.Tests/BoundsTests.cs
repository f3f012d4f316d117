using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Core.Domain;
using StatusHub.Core.Storage;

namespace StatusHub.Api.Tests;

/// <summary>
/// API.md's caps, whatever a (possibly compromised) town key sends: a town keeps its newest 200 updates, a provider
/// holds at most 50 offers, an Idempotency-Key is honoured for 24 hours, after which it starts afresh, and status.json
/// stays within 512 KiB.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class BoundsTests(StatusHubApp app)
{
    private static readonly WriteContext Anyone = new(new Actor("test", "test", "admin"), null);

    [Fact]
    public async Task The_write_that_adds_the_201st_update_removes_the_oldest()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var client = app.Client(key);
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        for (var i = 0; i < Limits.MaxUpdates + 5; i++)
        {
            var at = start.AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
            await client.Post($"/api/v1/towns/{slug}/updates", new { text = new { de = $"Meldung {i}" }, at }).Ok(HttpStatusCode.Created);
        }

        var updates = (await app.Client().GetAsync($"/api/v1/towns/{slug}").Ok())["updates"]!.AsArray();
        Assert.Equal(Limits.MaxUpdates, updates.Count);
        var texts = updates.Select(u => u!["text"]!["de"]!.GetValue<string>()).ToHashSet();
        Assert.Contains($"Meldung {Limits.MaxUpdates + 4}", texts);
        Assert.Contains("Meldung 5", texts);
        Assert.DoesNotContain("Meldung 4", texts);
        Assert.DoesNotContain("Meldung 0", texts);
    }

    [Fact]
    public async Task The_head_counts_the_updates_and_a_head_without_a_count_counts_its_rows_once()
    {
        var (slug, _) = await Towns.CreateWithKey(app);
        var towns = app.Services.GetRequiredService<TownRepository>();
        var storage = app.Services.GetRequiredService<StatusHubStorage>();
        for (var i = 0; i < 3; i++)
        {
            await towns.AddUpdateAsync(slug, _ => (new LocalizedText { ["de"] = $"Meldung {i}" }, DateTimeOffset.UtcNow), null, Anyone, default);
        }

        async Task<Azure.Data.Tables.TableEntity> Head() =>
            (await storage.Towns.GetEntityAsync<Azure.Data.Tables.TableEntity>(slug, TownRows.Head)).Value;
        Assert.Equal(3, TownRows.ReadUpdateCount(await Head()));

        // A head written before the count: the next update reads the rows and writes the count.
        var legacy = await Head();
        legacy.Remove(TownRows.UpdateCountColumn);
        await storage.Towns.UpdateEntityAsync(legacy, legacy.ETag, Azure.Data.Tables.TableUpdateMode.Replace);
        var added = await towns.AddUpdateAsync(slug, _ => (new LocalizedText { ["de"] = "Meldung 3" }, DateTimeOffset.UtcNow), null, Anyone, default);
        Assert.Equal(4, TownRows.ReadUpdateCount(await Head()));

        // A deleted update leaves the count; so does a status write (a new head row) and a failed delete.
        await towns.DeleteUpdateAsync(slug, added.Value.Update.Id, Anyone, default);
        await towns.PutStatusAsync(slug, _ => TownStatus.Initial, Anyone, default);
        await Assert.ThrowsAsync<StatusHub.Core.Errors.ResourceNotFoundException>(() => towns.DeleteUpdateAsync(slug, "fehlt", Anyone, default));
        Assert.Equal(3, TownRows.ReadUpdateCount(await Head()));
        Assert.Equal(3, (await towns.GetAsync(slug, default))!.Updates.Count);
    }

    [Fact]
    public async Task A_provider_holds_at_most_50_offers_and_replacing_one_is_no_new_offer()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var client = app.Client(key);
        for (var i = 0; i < Limits.MaxOffers; i++)
        {
            await client.Put($"/api/v1/towns/{slug}/aid/offer-{i}", new { service = "email", note = new { de = "Hilfe" } }).Ok();
        }

        var problem = await client.Put($"/api/v1/towns/{slug}/aid/one-more", new { service = "email", note = new { de = "Hilfe" } }).Problem(HttpStatusCode.Conflict);
        Assert.Contains("50", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await client.Put($"/api/v1/towns/{slug}/aid/offer-7", new { service = "phone", note = new { de = "Ersetzt" } }).Ok();

        using (var deleted = await client.DeleteAsync($"/api/v1/towns/{slug}/aid/offer-0"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await client.Put($"/api/v1/towns/{slug}/aid/one-more", new { service = "email", note = new { de = "Hilfe" } }).Ok();
    }

    [Fact]
    public async Task The_51st_offer_is_not_stored()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var client = app.Client(key);
        for (var i = 0; i < Limits.MaxOffers; i++)
        {
            await client.Put($"/api/v1/towns/{slug}/aid/offer-{i}", new { service = "email", note = new { de = "Hilfe" } }).Ok();
        }

        await client.Put($"/api/v1/towns/{slug}/aid/one-more", new { service = "email", note = new { de = "Zu viel" } }).Problem(HttpStatusCode.Conflict);

        var offered = (await client.GetAsync($"/api/v1/towns/{slug}/aid").Ok())["offered"]!.AsArray();
        Assert.Equal(Limits.MaxOffers, offered.Count);
        Assert.DoesNotContain(offered, o => o!["offerId"]!.GetValue<string>() == "one-more");
    }

    [Fact]
    public async Task Whatever_a_town_publishes_its_status_json_stays_within_512_KiB_and_keeps_the_newest_updates()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var client = app.Client(key);
        string[] languages = ["de", "en", "uk", "ru", "tr", "ar", "pl", "fr", "es", "it"];

        // 200 KB of Q&A and 10 × 40 KB of updates: each write within its caps and the body limit, together 600 KB.
        var answer = new string('a', 4000);
        await client.Put($"/api/v1/towns/{slug}/qa", new
        {
            items = Enumerable.Range(0, Limits.MaxQaItems).Select(i => new { id = $"q{i}", question = new { de = $"Frage {i}?" }, answer = new { de = answer } }).ToArray(),
        }).Ok();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        for (var i = 0; i < 10; i++)
        {
            var text = languages.ToDictionary(l => l, l => $"Meldung {i} " + new string('a', Limits.MaxUpdateText - 12));
            var at = start.AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
            await client.Post($"/api/v1/towns/{slug}/updates", new { text, at }).Ok(HttpStatusCode.Created);
        }

        await app.Client(StatusHubApp.AdminKey).PostAsync("/api/v1/render", null).Ok();

        foreach (var path in new[] { $"/{slug}/status.json", $"/api/v1/towns/{slug}" })
        {
            var bytes = await app.Client().GetByteArrayAsync(path);
            Assert.InRange(bytes.Length, 400 * 1024, Core.Documents.DocumentBudget.MaxBytes);
            var document = System.Text.Json.Nodes.JsonNode.Parse(bytes)!;
            var updates = document["updates"]!.AsArray();
            Assert.InRange(updates.Count, 1, 9);
            Assert.StartsWith("Meldung 9 ", updates[0]!["text"]!["de"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(Limits.MaxQaItems, document["qa"]!.AsArray().Count);
        }
    }

    [Fact]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)] // Moves the clock of a repository of its own, 25 hours ahead.
    public async Task An_idempotency_key_is_honoured_for_24_hours_then_starts_afresh()
    {
        var (slug, _) = await Towns.CreateWithKey(app);
        await using var today = Instance(TimeProvider.System);
        await using var tomorrow = Instance(new FakeTimeProvider(DateTimeOffset.UtcNow.Add(Limits.IdempotencyWindow).AddHours(1)));
        var token = new IdempotencyToken("daily-report", TownRepository.HashBody("body"u8));
        (LocalizedText, DateTimeOffset) Update(TownProfile _) => (new LocalizedText { ["de"] = "Bericht" }, DateTimeOffset.UtcNow);

        var first = await today.GetRequiredService<TownRepository>().AddUpdateAsync(slug, Update, token, Anyone, default);
        var replay = await today.GetRequiredService<TownRepository>().AddUpdateAsync(slug, Update, token, Anyone, default);
        Assert.True(replay.Value.Replayed);
        Assert.Equal(first.Value.Update.Id, replay.Value.Update.Id);

        // A day later the same key is a new request, even with another body (no 422), and it is honoured again from then
        // (checked at the storage's own time: the later instance's clock is a day ahead of every row's timestamp).
        var otherBody = token with { BodyHash = TownRepository.HashBody("another body"u8) };
        var afresh = await tomorrow.GetRequiredService<TownRepository>().AddUpdateAsync(slug, Update, otherBody, Anyone, default);
        Assert.False(afresh.Value.Replayed);
        Assert.NotEqual(first.Value.Update.Id, afresh.Value.Update.Id);
        var again = await today.GetRequiredService<TownRepository>().AddUpdateAsync(slug, Update, otherBody, Anyone, default);
        Assert.True(again.Value.Replayed);
        Assert.Equal(afresh.Value.Update.Id, again.Value.Update.Id);
    }

    private ServiceProvider Instance(TimeProvider time) => CoreInstance.Create(app, time: time);
}
