using System.Net;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests;

/// <summary>Optimistic concurrency on the town's table-entity ETag.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class ConcurrencyTests(StatusHubApp app)
{
    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    public async Task Writers_with_the_same_IfMatch_have_exactly_one_winner(int writers)
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var client = app.Client(key);
        using var current = await app.Client().GetAsync($"/api/v1/towns/{slug}");
        var etag = current.ETag();

        var responses = await Task.WhenAll(Enumerable.Range(0, writers).Select(i =>
            client.Put($"/api/v1/towns/{slug}/status", Towns.Status("emergency", $"Schreiber {i}"), ("If-Match", etag))));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(writers - 1, statuses.Count(s => s == HttpStatusCode.PreconditionFailed));

        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
        var winnerHeadline = (await winner.Json())["headline"]!["de"]!.GetValue<string>();
        var stored = await app.Client().GetAsync($"/api/v1/towns/{slug}").Ok();
        Assert.Equal(winnerHeadline, stored["headline"]!["de"]!.GetValue<string>());
        foreach (var loser in responses.Where(r => r.StatusCode == HttpStatusCode.PreconditionFailed))
        {
            await loser.Problem(HttpStatusCode.PreconditionFailed);
        }

        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_stale_IfMatch_is_412_and_changes_nothing()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var client = app.Client(key);
        using var first = await client.Put($"/api/v1/towns/{slug}/status", Towns.Status("disrupted", "Erste Meldung"));
        var stale = first.ETag();
        using var second = await client.Put($"/api/v1/towns/{slug}/status", Towns.Status("emergency", "Zweite Meldung"), ("If-Match", stale));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        foreach (var path in new[] { "/status", "/services/email", "/qa" })
        {
            var body = path switch
            {
                "/status" => Towns.Status("normal", "Dritte Meldung"),
                "/services/email" => new { state = "available" },
                _ => new { items = Array.Empty<object>() },
            };
            await client.Put($"/api/v1/towns/{slug}{path}", body, ("If-Match", stale)).Problem(HttpStatusCode.PreconditionFailed);
        }

        using var now = await app.Client().GetAsync($"/api/v1/towns/{slug}");
        Assert.Equal(second.ETag(), now.ETag());
        Assert.Equal("Zweite Meldung", (await now.Json())["headline"]!["de"]!.GetValue<string>());
    }

    [Fact]
    public async Task IfMatch_with_the_current_etag_succeeds_on_every_write()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var client = app.Client(key);
        using var town = await app.Client().GetAsync($"/api/v1/towns/{slug}");
        var etag = town.ETag();

        using var status = await client.Put($"/api/v1/towns/{slug}/status", Towns.Status(), ("If-Match", etag));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        using var service = await client.Put($"/api/v1/towns/{slug}/services/email", new { state = "unavailable" }, ("If-Match", status.ETag()));
        Assert.Equal(HttpStatusCode.OK, service.StatusCode);
        using var update = await client.Post($"/api/v1/towns/{slug}/updates", new { text = new { de = "x" } }, ("If-Match", service.ETag()));
        Assert.Equal(HttpStatusCode.Created, update.StatusCode);
        using var wildcard = await client.Put($"/api/v1/towns/{slug}/qa", new { items = Array.Empty<object>() }, ("If-Match", "*"));
        Assert.Equal(HttpStatusCode.OK, wildcard.StatusCode);
    }

    [Fact]
    public async Task Creating_a_town_with_IfMatch_is_412()
    {
        var slug = Towns.NewSlug();
        await app.Client(StatusHubApp.AdminKey).Put($"/api/v1/towns/{slug}", Towns.Profile(), ("If-Match", "*"))
            .Problem(HttpStatusCode.PreconditionFailed);
        await app.Client().GetAsync($"/api/v1/towns/{slug}").Problem(HttpStatusCode.NotFound);
    }
}
