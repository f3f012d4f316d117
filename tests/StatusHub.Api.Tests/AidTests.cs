using System.Net;
using System.Text.Json.Nodes;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests;

/// <summary>Mutual aid through the API: offers, matching into the town document, and the regional feed.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class AidTests(StatusHubApp app)
{
    private readonly HttpClient _admin = app.Client(StatusHubApp.AdminKey);

    /// <summary>A fresh region: a receiver in emergency (e-mail and vehicle registration down) and two neighbours.</summary>
    private async Task<Region> NewRegion()
    {
        var region = Towns.NewSlug("r");
        var receiver = Towns.NewSlug("recv");
        var provider = Towns.NewSlug("prov");
        var far = Towns.NewSlug("far");
        var (_, receiverKey) = await Towns.CreateWithKey(app, receiver, Towns.Profile("Empfangsstadt", region, [provider]));
        var (_, providerKey) = await Towns.CreateWithKey(app, provider, Towns.Profile("Helferstadt", region, [receiver]));
        var (_, farKey) = await Towns.CreateWithKey(app, far, Towns.Profile("Fernstadt", region, []));
        await app.Client(receiverKey).Put($"/api/v1/towns/{receiver}/status", Towns.Status()).Ok();
        await app.Client(receiverKey).Put($"/api/v1/towns/{receiver}/services", new
        {
            services = new object[]
            {
                new { id = "vehicle-registration", state = "unavailable" },
                new { id = "id-documents", state = "limited" },
                new { id = "email", state = "unavailable" },
                new { id = "phone", state = "available" },
            },
        }).Ok();
        return new Region(region, receiver, receiverKey, provider, providerKey, far, farKey);
    }

    [Fact]
    public async Task An_offer_the_receiver_has_not_accepted_helps_it_nowhere_public()
    {
        var r = await NewRegion();
        var lure = "Anträge bitte an service@falsches-rathaus.example senden";
        await app.Client(r.ProviderKey).Put($"/api/v1/towns/{r.Provider}/aid/kfz", new
        {
            service = "vehicle-registration",
            forTowns = new[] { r.Receiver },
            note = new { de = lure },
        }).Ok();
        await _admin.PostAsync("/api/v1/render", null).Ok();

        Assert.Empty(await AidOf(r.Receiver));
        var feed = await _admin.GetAsync($"/api/v1/regions/{r.Slug}/feed").Ok();
        Assert.Empty(feed["matches"]!.AsArray());
        Assert.Contains(feed["gaps"]!.AsArray(), g => g!["town"]!.GetValue<string>() == r.Receiver && g["service"]!.GetValue<string>() == "vehicle-registration");
        foreach (var path in new[] { $"/{r.Receiver}/", $"/{r.Receiver}/status.json", $"/regions/{r.Slug}/", $"/regions/{r.Slug}/feed.json", $"/{r.Provider}/" })
        {
            Assert.DoesNotContain(lure, await app.Client().GetStringAsync(path), StringComparison.Ordinal);
        }

        // Once the receiver accepts, the help shows, and the gap closes; withdrawn, it is gone again.
        var accepted = await Accept(r, "kfz");
        Assert.Equal(r.Provider, accepted["provider"]!.GetValue<string>());
        Assert.Equal("kfz", accepted["offerId"]!.GetValue<string>());
        Assert.Equal("town", accepted["acceptedBy"]!.GetValue<string>());
        Assert.NotNull(accepted["acceptedAt"]);
        Assert.Single(await AidOf(r.Receiver));
        await _admin.PostAsync("/api/v1/render", null).Ok();
        Assert.Contains(lure, await app.Client().GetStringAsync($"/{r.Receiver}/status.json"), StringComparison.Ordinal);

        using (var withdrawn = await app.Client(r.ReceiverKey).DeleteAsync($"/api/v1/towns/{r.Receiver}/accepted-aid/{r.Provider}/kfz"))
        {
            Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        }

        Assert.Empty(await AidOf(r.Receiver));
        await app.Client(r.ReceiverKey).DeleteAsync($"/api/v1/towns/{r.Receiver}/accepted-aid/{r.Provider}/kfz").Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_provider_cannot_keep_an_acceptance_by_changing_what_it_offers()
    {
        var r = await NewRegion();
        var provider = app.Client(r.ProviderKey);
        var until = DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var accepted = Offer("id-documents", [r.Receiver], until);
        await provider.Put($"/api/v1/towns/{r.Provider}/aid/wechsel", accepted).Ok();
        await Accept(r, "wechsel");
        Assert.Single(await AidOf(r.Receiver));

        // A retried PUT of the same offer (or one naming one more town) is what the receiver accepted.
        await provider.Put($"/api/v1/towns/{r.Provider}/aid/wechsel", accepted).Ok();
        await provider.Put($"/api/v1/towns/{r.Provider}/aid/wechsel", Offer("id-documents", [r.Receiver, r.Far], until)).Ok();
        Assert.Single(await AidOf(r.Receiver));

        // Accepted as "appointment needed", rewritten to a lure: the receiver never agreed to that text.
        var lure = "Ausweisanträge bitte eingescannt an service@falsches-rathaus.example";
        await provider.Put($"/api/v1/towns/{r.Provider}/aid/wechsel", new { service = "id-documents", forTowns = new[] { r.Receiver }, note = new { de = lure }, validUntil = until }).Ok();
        Assert.Empty(await AidOf(r.Receiver));
        await _admin.PostAsync("/api/v1/render", null).Ok();
        Assert.DoesNotContain(lure, await app.Client().GetStringAsync($"/{r.Receiver}/status.json"), StringComparison.Ordinal);

        // Changed back to exactly what was accepted: the consent does not come back.
        await provider.Put($"/api/v1/towns/{r.Provider}/aid/wechsel", accepted).Ok();
        Assert.Empty(await AidOf(r.Receiver));

        // Accepted again, then the same offer id for another service: another offer, and the acceptance does not carry over.
        await Accept(r, "wechsel");
        Assert.Single(await AidOf(r.Receiver));
        await provider.Put($"/api/v1/towns/{r.Provider}/aid/wechsel", Offer("vehicle-registration", [r.Receiver], until)).Ok();
        Assert.Empty(await AidOf(r.Receiver));

        // Accepted again, then the receiver is no longer named, then named again: it must accept anew.
        await Accept(r, "wechsel");
        await provider.Put($"/api/v1/towns/{r.Provider}/aid/wechsel", Offer("vehicle-registration", [r.Far], until)).Ok();
        await provider.Put($"/api/v1/towns/{r.Provider}/aid/wechsel", Offer("vehicle-registration", [r.Receiver], until)).Ok();
        Assert.Empty(await AidOf(r.Receiver));
        var received = (await app.Client(r.ReceiverKey).GetAsync($"/api/v1/towns/{r.Receiver}/aid").Ok())["received"]!.AsArray();
        Assert.False(Assert.Single(received)!["accepted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_receiver_its_agency_or_admin_accept_and_a_provider_key_cannot_accept_for_another_town()
    {
        var r = await NewRegion();
        await app.Client(r.ProviderKey).Put($"/api/v1/towns/{r.Provider}/aid/kfz", Offer("vehicle-registration", [r.Receiver])).Ok();
        var url = $"/api/v1/towns/{r.Receiver}/accepted-aid/{r.Provider}/kfz";
        var agencyKey = (await _admin.Post("/api/v1/keys", new { scope = "region", region = r.Slug }).Ok(HttpStatusCode.Created))["key"]!.GetValue<string>();
        var otherAgencyKey = (await _admin.Post("/api/v1/keys", new { scope = "region", region = Towns.NewSlug("other") }).Ok(HttpStatusCode.Created))["key"]!.GetValue<string>();

        await app.Client().PutAsync(url, null).Problem(HttpStatusCode.Unauthorized);
        await app.Client(r.ProviderKey).PutAsync(url, null).Problem(HttpStatusCode.Forbidden);
        await app.Client(otherAgencyKey).PutAsync(url, null).Problem(HttpStatusCode.Forbidden);
        await app.Client(otherAgencyKey).PutAsync($"/api/v1/towns/{Towns.NewSlug("none")}/accepted-aid/{r.Provider}/kfz", null).Problem(HttpStatusCode.Forbidden);
        await app.Client(r.ProviderKey).GetAsync($"/api/v1/towns/{r.Receiver}/aid").Problem(HttpStatusCode.Forbidden);
        Assert.Empty(await AidOf(r.Receiver));

        Assert.Equal("region", (await app.Client(agencyKey).PutAsync(url, null).Ok())["acceptedBy"]!.GetValue<string>());
        Assert.Equal("admin", (await _admin.PutAsync(url, new StringContent("{}", System.Text.Encoding.UTF8, "application/json")).Ok())["acceptedBy"]!.GetValue<string>());
        await _admin.PutAsync(url, new StringContent("""{"accept":true}""", System.Text.Encoding.UTF8, "application/json")).Problem(HttpStatusCode.BadRequest);
        Assert.Single(await AidOf(r.Receiver));
    }

    [Fact]
    public async Task A_town_sees_what_it_offers_and_what_is_offered_to_it_with_its_acceptance()
    {
        var r = await NewRegion();
        await app.Client(r.ProviderKey).Put($"/api/v1/towns/{r.Provider}/aid/kfz", Offer("vehicle-registration", [r.Receiver])).Ok();
        await app.Client(r.ProviderKey).Put($"/api/v1/towns/{r.Provider}/aid/ausweis", Offer("id-documents")).Ok();
        await app.Client(r.ReceiverKey).Put($"/api/v1/towns/{r.Receiver}/aid/hilfe", Offer("phone", [r.Provider])).Ok();
        await Accept(r, "kfz");

        var aid = await app.Client(r.ReceiverKey).GetAsync($"/api/v1/towns/{r.Receiver}/aid").Ok();
        var offered = Assert.Single(aid["offered"]!.AsArray())!;
        Assert.Equal("hilfe", offered["offerId"]!.GetValue<string>());
        Assert.Equal([r.Provider], offered["forTowns"]!.AsArray().Select(t => t!.GetValue<string>()));
        var received = aid["received"]!.AsArray().OrderBy(o => o!["offerId"]!.GetValue<string>()).ToList();
        Assert.Equal(["ausweis", "kfz"], received.Select(o => o!["offerId"]!.GetValue<string>()));
        Assert.Equal([false, true], received.Select(o => o!["accepted"]!.GetValue<bool>()));
        Assert.All(received, o => Assert.Equal(r.Provider, o!["provider"]!.GetValue<string>()));
    }

    private sealed record Region(string Slug, string Receiver, string ReceiverKey, string Provider, string ProviderKey, string Far, string FarKey);

    private static object Offer(string service, string[]? forTowns = null, string? validUntil = null) => new
    {
        service,
        forTowns,
        note = new { de = "Termin nötig.", en = "Appointment needed." },
        validUntil = validUntil ?? DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
    };

    private async Task<JsonArray> AidOf(string town) => (await app.Client().GetAsync($"/api/v1/towns/{town}").Ok())["aid"]!.AsArray();

    /// <summary>The receiver (its own key) accepts the provider's offer: only accepted offers help it.</summary>
    private Task<JsonNode> Accept(Region r, string offerId, string? provider = null) =>
        app.Client(r.ReceiverKey).PutAsync($"/api/v1/towns/{r.Receiver}/accepted-aid/{provider ?? r.Provider}/{offerId}", null).Ok();

    [Fact]
    public async Task Offers_match_limited_or_unavailable_services_of_named_towns_and_neighbours()
    {
        var r = await NewRegion();
        var provider = app.Client(r.ProviderKey);
        await provider.Put($"/api/v1/towns/{r.Provider}/aid/kfz", Offer("vehicle-registration", [r.Receiver])).Ok();
        await provider.Put($"/api/v1/towns/{r.Provider}/aid/ausweis", Offer("id-documents")).Ok();
        await provider.Put($"/api/v1/towns/{r.Provider}/aid/fuehrerschein", Offer("driving-licence", [r.Receiver])).Ok();
        await app.Client(r.FarKey).Put($"/api/v1/towns/{r.Far}/aid/mail", Offer("email")).Ok();
        foreach (var offerId in new[] { "kfz", "ausweis", "fuehrerschein" })
        {
            await Accept(r, offerId);
        }

        // Far is no neighbour and names nobody: its offer is for no one, so there is nothing to accept.
        await app.Client(r.ReceiverKey).PutAsync($"/api/v1/towns/{r.Receiver}/accepted-aid/{r.Far}/mail", null).Problem(HttpStatusCode.NotFound);

        var aid = await AidOf(r.Receiver);
        Assert.Equal(["id-documents", "vehicle-registration"], aid.Select(a => a!["service"]!.GetValue<string>()).Order());
        Assert.All(aid, a => Assert.Equal(r.Provider, a!["provider"]!["slug"]!.GetValue<string>()));
        Assert.Equal("Helferstadt", aid[0]!["provider"]!["name"]!.GetValue<string>());
        Assert.Equal("Termin nötig.", aid[0]!["note"]!["de"]!.GetValue<string>());
        Assert.Empty(await AidOf(r.Provider));
    }

    [Fact]
    public async Task A_provider_that_goes_down_no_longer_matches()
    {
        var r = await NewRegion();
        var provider = app.Client(r.ProviderKey);
        await provider.Put($"/api/v1/towns/{r.Provider}/aid/kfz", Offer("vehicle-registration", [r.Receiver])).Ok();
        await Accept(r, "kfz");
        Assert.Single(await AidOf(r.Receiver));

        await provider.Put($"/api/v1/towns/{r.Provider}/services/vehicle-registration", new { state = "limited" }).Ok();
        Assert.Empty(await AidOf(r.Receiver));
        await provider.Put($"/api/v1/towns/{r.Provider}/services/vehicle-registration", new { state = "available" }).Ok();
        Assert.Single(await AidOf(r.Receiver));

        await provider.Put($"/api/v1/towns/{r.Provider}/status", Towns.Status("offline", "Auch wir sind offline")).Ok();
        Assert.Empty(await AidOf(r.Receiver));
    }

    [Fact]
    public async Task Deleted_offers_stop_matching_and_a_second_delete_is_404()
    {
        var r = await NewRegion();
        var provider = app.Client(r.ProviderKey);
        await provider.Put($"/api/v1/towns/{r.Provider}/aid/kfz", Offer("vehicle-registration")).Ok();
        using (var deleted = await provider.DeleteAsync($"/api/v1/towns/{r.Provider}/aid/kfz"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Empty(await AidOf(r.Receiver));
        await provider.DeleteAsync($"/api/v1/towns/{r.Provider}/aid/kfz").Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_providing_towns_key_or_admin_can_publish_an_offer()
    {
        var r = await NewRegion();
        var url = $"/api/v1/towns/{r.Provider}/aid/kfz";
        await app.Client().Put(url, Offer("vehicle-registration")).Problem(HttpStatusCode.Unauthorized);
        await app.Client(r.ReceiverKey).Put(url, Offer("vehicle-registration")).Problem(HttpStatusCode.Forbidden);
        await app.Client(r.ReceiverKey).DeleteAsync(url).Problem(HttpStatusCode.Forbidden);
        await _admin.Put(url, Offer("vehicle-registration")).Ok();
        await app.Client(r.ProviderKey).Put(url, Offer("vehicle-registration")).Ok();
    }

    public static TheoryData<string> InvalidOffers => new()
    {
        """{"service":"teleportation"}""",
        """{"forTowns":["x1"]}""",
        """{"service":"email","forTowns":["no-such-town-anywhere"]}""",
        """{"service":"email","forTowns":["Not A Slug"]}""",
        """{"service":"email","validUntil":"2020-01-01T00:00:00+01:00"}""",
        """{"service":"email","validUntil":"soon"}""",
    };

    [Theory]
    [MemberData(nameof(InvalidOffers))]
    public async Task Invalid_offers_are_400_and_store_nothing(string body)
    {
        var r = await NewRegion();
        await app.Client(r.ProviderKey).Put($"/api/v1/towns/{r.Provider}/aid/offer-1", body).Problem(HttpStatusCode.BadRequest);
        var feed = await _admin.GetAsync($"/api/v1/regions/{r.Slug}/feed").Ok();
        Assert.Empty(feed["matches"]!.AsArray());
    }

    [Fact]
    public async Task The_region_feed_has_internal_detail_matches_and_gaps_for_its_agency_only()
    {
        var r = await NewRegion();
        await app.Client(r.ProviderKey).Put($"/api/v1/towns/{r.Provider}/aid/kfz", Offer("vehicle-registration", [r.Receiver])).Ok();
        await Accept(r, "kfz");
        var agencyKey = (await _admin.Post("/api/v1/keys", new { scope = "region", region = r.Slug, label = "Agentur" }).Ok(HttpStatusCode.Created))["key"]!.GetValue<string>();
        var otherAgencyKey = (await _admin.Post("/api/v1/keys", new { scope = "region", region = Towns.NewSlug("other") }).Ok(HttpStatusCode.Created))["key"]!.GetValue<string>();
        var url = $"/api/v1/regions/{r.Slug}/feed";

        var feed = await app.Client(agencyKey).GetAsync(url).Ok();
        Assert.Equal(r.Slug, feed["region"]!.GetValue<string>());
        Assert.NotNull(feed["generatedAt"]);
        var receiver = feed["towns"]!.AsArray().Single(t => t!["slug"]!.GetValue<string>() == r.Receiver)!;
        Assert.Equal("emergency", receiver["level"]!.GetValue<string>());
        Assert.Equal(["email", "vehicle-registration"], receiver["unavailable"]!.AsArray().Select(s => s!.GetValue<string>()).Order());
        Assert.Equal("IT-Leitung GEHEIM", receiver["internal"]!["contact"]!.GetValue<string>());

        var match = feed["matches"]!.AsArray().Single()!;
        Assert.Equal(r.Receiver, match["town"]!.GetValue<string>());
        Assert.Equal("vehicle-registration", match["service"]!.GetValue<string>());
        Assert.Equal(r.Provider, match["provider"]!.GetValue<string>());
        var gaps = feed["gaps"]!.AsArray().Select(g => $"{g!["town"]}/{g["service"]}").Order();
        Assert.Equal([$"{r.Receiver}/email", $"{r.Receiver}/id-documents"], gaps);

        await _admin.GetAsync(url).Ok();
        await app.Client().GetAsync(url).Problem(HttpStatusCode.Unauthorized);
        await app.Client(otherAgencyKey).GetAsync(url).Problem(HttpStatusCode.Forbidden);
        await app.Client(r.ReceiverKey).GetAsync(url).Problem(HttpStatusCode.Forbidden);
        await _admin.GetAsync($"/api/v1/regions/{Towns.NewSlug("none")}/feed").Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_public_town_document_never_carries_internal_fields()
    {
        var r = await NewRegion();
        await app.Client(r.ProviderKey).Put($"/api/v1/towns/{r.Provider}/aid/kfz", Offer("vehicle-registration", [r.Receiver])).Ok();
        await Accept(r, "kfz");
        var text = await app.Client().GetStringAsync($"/api/v1/towns/{r.Receiver}");
        Assert.DoesNotContain("GEHEIM", text);
        Assert.DoesNotContain("internal", text);
    }
}
