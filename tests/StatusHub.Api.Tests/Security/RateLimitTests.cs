using System.Net;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests.Security;

/// <summary>
/// Failed-auth limits per client address and per key id, and per-key write limits: 429 problem+json with Retry-After,
/// checked before the key is verified, and never spilling over to other addresses or keys.
/// </summary>
public sealed class RateLimitTests(LimitedApp app) : IClassFixture<LimitedApp>
{
    [Fact]
    public async Task Twenty_bad_keys_from_one_address_are_throttled_and_other_addresses_are_not()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var attacker = "198.51.100.7";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            // A different well-formed key id each time, so only the address limit can apply.
            var guess = $"shk_{Guid.NewGuid():N}"[..20] + "_guessed-secret";
            using var response = await app.ClientFrom(attacker, guess).GetAsync($"/api/v1/towns/{slug}/audit");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await AssertThrottled(response);
            }
        }

        Assert.Equal(LimitedApp.FailedAuthPerAddress, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(20 - LimitedApp.FailedAuthPerAddress, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.All(statuses.Skip(LimitedApp.FailedAuthPerAddress), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));

        // A correct key is never refused for failures it did not make, not even from the throttled address (a
        // town hall's NAT is shared): the limit holds for wrong secrets only.
        await app.ClientFrom(attacker, key).GetAsync($"/api/v1/towns/{slug}/audit").Ok();

        // The town, from its own address, is not affected: it reads and writes.
        await app.ClientFrom("192.0.2.10", key).GetAsync($"/api/v1/towns/{slug}/audit").Ok();
        await app.ClientFrom("192.0.2.10", key).Put($"/api/v1/towns/{slug}/status", Towns.Status()).Ok();

        // Entries before the proxy's own (last) one are the client's claim and cannot dodge the limit.
        var spoofing = app.Client("shk_0000000000000000_x");
        spoofing.DefaultRequestHeaders.TryAddWithoutValidation("X-Forwarded-For", $"10.9.8.7, {attacker}");
        await AssertThrottled(await spoofing.GetAsync($"/api/v1/towns/{slug}/audit"));
    }

    [Fact]
    public async Task Wrong_secrets_for_one_key_id_from_many_addresses_lock_that_key_id_only()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var (otherSlug, otherKey) = await Towns.CreateWithKey(app);
        var wrong = key[..^4] + "AAAA";
        for (var i = 0; i < LimitedApp.FailedAuthPerKey; i++)
        {
            await app.ClientFrom($"198.51.100.{20 + i}", wrong).GetAsync($"/api/v1/towns/{slug}/audit").Problem(HttpStatusCode.Unauthorized);
        }

        using (var locked = await app.ClientFrom("198.51.100.99", wrong).GetAsync($"/api/v1/towns/{slug}/audit"))
        {
            await AssertThrottled(locked);
        }

        // Locked for wrong secrets only: the town's real key still works, from anywhere.
        await app.ClientFrom("198.51.100.98", key).GetAsync($"/api/v1/towns/{slug}/audit").Ok();

        await app.ClientFrom("198.51.100.97", otherKey).GetAsync($"/api/v1/towns/{otherSlug}/audit").Ok();
    }

    [Fact]
    public async Task A_key_has_a_write_budget_and_reads_and_other_keys_are_not_affected()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var (otherSlug, otherKey) = await Towns.CreateWithKey(app);
        var client = app.ClientFrom("192.0.2.30", key);
        for (var i = 0; i < LimitedApp.WritesPerKey; i++)
        {
            await client.Put($"/api/v1/towns/{slug}/services/email", new { state = i % 2 == 0 ? "limited" : "unavailable" }).Ok();
        }

        using (var refused = await client.Put($"/api/v1/towns/{slug}/status", Towns.Status("normal", "Zu viel")))
        {
            await AssertThrottled(refused);
        }

        var stored = await app.Client().GetAsync($"/api/v1/towns/{slug}").Ok();
        Assert.NotEqual("Zu viel", stored["headline"]?["de"]?.GetValue<string>());
        await client.GetAsync($"/api/v1/towns/{slug}/audit").Ok();
        await app.ClientFrom("192.0.2.30", otherKey).Put($"/api/v1/towns/{otherSlug}/status", Towns.Status()).Ok();
    }

    [Fact]
    public async Task An_attacker_who_knows_an_admin_keys_id_cannot_lock_the_admin_out()
    {
        // A town's audit trail once showed admin key ids; whoever knows one can only send wrong secrets with it.
        var admin = await app.Client(StatusHubApp.AdminKey).Post("/api/v1/keys", new { scope = "admin", label = "Leitstelle" }).Ok(HttpStatusCode.Created);
        var adminKey = admin["key"]!.GetValue<string>();
        var id = admin["id"]!.GetValue<string>();
        for (var i = 0; i < 20; i++)
        {
            using var guess = await app.ClientFrom($"198.51.100.{120 + i}", $"shk_{id}_guessed-secret-{i}").GetAsync("/api/v1/keys");
            Assert.Contains(guess.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests });
        }

        using (var locked = await app.ClientFrom("198.51.100.199", $"shk_{id}_one-more-guess").GetAsync("/api/v1/keys"))
        {
            await AssertThrottled(locked);
        }

        await app.ClientFrom("198.51.100.199", adminKey).GetAsync("/api/v1/keys").Ok();
        await app.ClientFrom("198.51.100.198", adminKey).Post("/api/v1/keys", new { scope = "region", region = "lockout-region", label = "x" }).Ok(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Refused_writes_to_another_town_do_not_use_up_the_keys_write_budget()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var (otherSlug, _) = await Towns.CreateWithKey(app);
        var client = app.ClientFrom("192.0.2.40", key);
        for (var i = 0; i < LimitedApp.WritesPerKey + 5; i++)
        {
            await client.Put($"/api/v1/towns/{otherSlug}/status", Towns.Status()).Problem(HttpStatusCode.Forbidden);
        }

        await client.Put($"/api/v1/towns/{slug}/status", Towns.Status()).Ok();
    }

    [Fact]
    public async Task Anonymous_reads_are_limited_per_address_and_other_addresses_and_keyed_reads_are_not()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var reader = app.ClientFrom("198.51.100.61");
        for (var i = 0; i < LimitedApp.AnonymousReadsPerAddress; i++)
        {
            await reader.GetAsync(i % 2 == 0 ? $"/api/v1/towns/{slug}" : "/api/v1/services").Ok();
        }

        using (var refused = await reader.GetAsync($"/api/v1/towns/{slug}"))
        {
            await refused.Problem(HttpStatusCode.TooManyRequests);
            Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        }

        await app.ClientFrom("198.51.100.62").GetAsync($"/api/v1/towns/{slug}").Ok();
        await app.ClientFrom("198.51.100.61", key).GetAsync($"/api/v1/towns/{slug}/audit").Ok();
    }

    private static async Task AssertThrottled(HttpResponseMessage response)
    {
        await response.Problem(HttpStatusCode.TooManyRequests);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(LimitedApp.WindowSeconds));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }
}
