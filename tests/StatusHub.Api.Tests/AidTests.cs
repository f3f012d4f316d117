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

    private sealed record Region(string Slug, string Receiver, string ReceiverKey, string Provider, string ProviderKey, string Far, string FarKey);

    private static object Offer(string service, string[]? forTowns = null, string? validUntil = null) => new
    {
        service,
        forTowns,
        note = new { de = "Termin nötig.", en = "Appointment needed." },
        validUntil = validUntil ?? DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
    };

    private async Task<JsonArray> AidOf(string town) => (await app.Client().GetAsync($"/api/v1/towns/{town}").Ok())["aid"]!.AsArray();

    [Fact]
    public async Task Offers_match_limited_or_unavailable_services_of_named_towns_and_neighbours()
    {
        var r = await NewRegion();
        var provider = app.Client(r.ProviderKey);
        await provider.Put($"/api/v1/towns/{r.Provider}/aid/kfz", Offer("vehicle-registration", [r.Receiver])).Ok();
        await provider.Put($"/api/v1/towns/{r.Provider}/aid/ausweis", Offer("id-documents")).Ok();
        await provider.Put($"/api/v1/towns/{r.Provider}/aid/fuehrerschein", Offer("driving-licence", [r.Receiver])).Ok();
        await app.Client(r.FarKey).Put($"/api/v1/towns/{r.Far}/aid/mail", Offer("email")).Ok();

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
        var text = await app.Client().GetStringAsync($"/api/v1/towns/{r.Receiver}");
        Assert.DoesNotContain("GEHEIM", text);
        Assert.DoesNotContain("internal", text);
    }
}
