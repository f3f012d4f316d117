using System.Net;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests.Security;

/// <summary>No lost update under load: 32 writers with one If-Match, 32 replays of one Idempotency-Key, each checked by reading back.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class ThirtyTwoWritersTests(StatusHubApp app)
{
    public const int Writers = 32;

    [Fact]
    public async Task Thirty_two_writers_with_the_same_IfMatch_have_exactly_one_winner_and_it_is_stored()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var client = app.Client(key);
        using var current = await app.Client().GetAsync($"/api/v1/towns/{slug}");
        var etag = current.ETag();

        var responses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i =>
            client.Put($"/api/v1/towns/{slug}/status", Towns.Status("emergency", $"Schreiber {i}"), ("If-Match", etag))));
        try
        {
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(Writers - 1, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));

            var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
            var winnerHeadline = (await winner.Json())["headline"]!["de"]!.GetValue<string>();
            using var stored = await app.Client().GetAsync($"/api/v1/towns/{slug}");
            Assert.Equal(winnerHeadline, (await stored.Json())["headline"]!["de"]!.GetValue<string>());
            Assert.Equal(winner.ETag(), stored.ETag());

            // The audit trail holds the one accepted write, not the 31 rejected ones.
            var audit = await client.GetAsync($"/api/v1/towns/{slug}/audit").Ok();
            Assert.Equal(1, audit["items"]!.AsArray().Count(i => i!["operation"]!.GetValue<string>() == "status.put"));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Thirty_two_replays_of_one_Idempotency_Key_store_one_timeline_entry()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var client = app.Client(key);
        var body = new { text = new { de = "Das Bürgerbüro öffnet um 8 Uhr." } };

        var answers = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ =>
            client.Post($"/api/v1/towns/{slug}/updates", body, ("Idempotency-Key", "one-key-32-replays")).Ok(HttpStatusCode.Created)));

        Assert.Single(answers.Select(a => a["id"]!.GetValue<string>()).Distinct());
        var town = await app.Client().GetAsync($"/api/v1/towns/{slug}").Ok();
        var update = Assert.Single(town["updates"]!.AsArray());
        Assert.Equal(answers[0]["id"]!.GetValue<string>(), update!["id"]!.GetValue<string>());
    }
}
