using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests;

/// <summary>
/// Storage goes away in the middle of a publishing load: every answer is 2xx, 4xx or 503 with Retry-After (never
/// another 5xx, never a hang), every acknowledged write survives the restart, and the next render publishes them all.
/// Azurite is stopped with SIGTERM (it saves its tables on exit); a SIGKILL could lose the emulator's own unsaved writes.
/// </summary>
public sealed class StorageOutageUnderLoadTests : IAsyncLifetime
{
    private const int Towns = 4;
    private readonly StatusHubApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Acknowledged_writes_survive_an_outage_and_the_next_render_publishes_them()
    {
        var towns = new List<(string Slug, HttpClient Client)>();
        for (var i = 0; i < Towns; i++)
        {
            var (slug, key) = await Infrastructure.Towns.CreateWithKey(_app);
            var client = _app.Client(key);
            client.Timeout = TimeSpan.FromSeconds(30);
            towns.Add((slug, client));
        }

        var acknowledged = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        var unexpected = new ConcurrentBag<string>();
        var completed = 0;
        var unavailable = 0;
        using var stop = new CancellationTokenSource();

        async Task Publish((string Slug, HttpClient Client) town)
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var text = $"Meldung {n} von {town.Slug}";
                using var response = await town.Client.Post($"/api/v1/towns/{town.Slug}/updates", new { text = new { de = text } }, ("Idempotency-Key", $"{town.Slug}-{n}"));
                Interlocked.Increment(ref completed);
                var status = (int)response.StatusCode;
                if (status is 201)
                {
                    acknowledged.GetOrAdd(town.Slug, _ => []).Add((await response.Json())["id"]!.GetValue<string>());
                }
                else if (status == 503 && response.Headers.RetryAfter?.Delta is { } wait)
                {
                    Interlocked.Increment(ref unavailable);
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds, 200)));
                }
                else if (status is < 400 or >= 500)
                {
                    unexpected.Add($"{status}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        var load = Task.WhenAll(towns.Select(t => Task.Run(() => Publish(t))));
        await WaitUntil(() => Volatile.Read(ref completed) >= 40);

        await _app.Azurite.StopAsync();
        await WaitUntil(() => Volatile.Read(ref unavailable) >= 8);
        await _app.Azurite.StartAsync();

        var healthy = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < healthy)
        {
            using var health = await _app.Client().GetAsync("/api/v1/health");
            if (health.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            await Task.Delay(250);
        }

        var afterRecovery = Volatile.Read(ref completed);
        await WaitUntil(() => Volatile.Read(ref completed) >= afterRecovery + 20);
        stop.Cancel();
        await load;

        Assert.Empty(unexpected);
        Assert.True(acknowledged.Values.Sum(ids => ids.Count) >= 40, "writes before and after the outage must have been acknowledged");
        Assert.True(unavailable >= 8, "the outage must have been seen as 503 + Retry-After");
        await _app.Client(StatusHubApp.AdminKey).PostAsync("/api/v1/render", null).Ok();

        foreach (var (slug, _) in towns)
        {
            var stored = (await _app.Client().GetAsync($"/api/v1/towns/{slug}").Ok())["updates"]!.AsArray()
                .Select(u => u!["id"]!.GetValue<string>()).ToHashSet();
            var published = JsonNode.Parse(await _app.Client().GetStringAsync($"/{slug}/status.json"))!["updates"]!.AsArray()
                .Select(u => u!["id"]!.GetValue<string>()).ToHashSet();
            foreach (var id in acknowledged.GetValueOrDefault(slug, []))
            {
                Assert.Contains(id, stored);
                Assert.Contains(id, published);
            }
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the load made no progress within 60 s");
            await Task.Delay(50);
        }
    }
}
