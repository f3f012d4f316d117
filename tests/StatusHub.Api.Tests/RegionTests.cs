using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests;

/// <summary>
/// PUT /api/v1/regions/{region} (admin) and GET /api/v1/regions (public), through the real HTTP stack on Azurite, and the
/// display name on the site: index, region page, its feeds and CAP index; the slug while a region has no name.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class RegionTests(StatusHubApp app)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private readonly HttpClient _admin = app.Client(StatusHubApp.AdminKey);

    private static object Named(string de, string? en = null) =>
        en is null ? new { name = new { de } } : new { name = new { de, en } };

    private async Task<JsonNode?> Listed(string region) =>
        (await app.Client().GetAsync("/api/v1/regions").Ok())["regions"]!.AsArray()
            .SingleOrDefault(r => r!["slug"]!.GetValue<string>() == region);

    [Fact]
    public async Task Put_creates_then_updates_with_an_etag_and_the_list_shows_names_and_town_counts()
    {
        var region = Towns.NewSlug("region");
        await Towns.CreateWithKey(app, profile: Towns.Profile(name: "Erster Ort", region: region));
        await Towns.CreateWithKey(app, profile: Towns.Profile(name: "Zweiter Ort", region: region));

        // Before a name: the region is listed because towns name it, with its slug as its name in the default language.
        var unnamed = (await Listed(region))!;
        Assert.Equal(2, unnamed["towns"]!.GetValue<int>());
        Assert.Equal(region, unnamed["name"]!["de"]!.GetValue<string>());

        using var created = await _admin.Put($"/api/v1/regions/{region}", Named("Landkreis Tübingen", "Tübingen district"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/regions/{region}", created.Headers.Location?.OriginalString);
        var body = await created.Json();
        Assert.Equal(region, body["slug"]!.GetValue<string>());
        Assert.Equal("Landkreis Tübingen", body["name"]!["de"]!.GetValue<string>());
        Assert.Equal("Tübingen district", body["name"]!["en"]!.GetValue<string>());
        var first = created.ETag();

        using var updated = await _admin.Put($"/api/v1/regions/{region}", new { name = new Dictionary<string, string> { ["DE"] = "  Kreis Tübingen " } });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.NotEqual(first, updated.ETag());
        var renamed = await updated.Json();
        Assert.Equal("Kreis Tübingen", renamed["name"]!["de"]!.GetValue<string>()); // tag in canonical case, text trimmed
        Assert.Null(renamed["name"]!["en"]);                                           // the map is replaced, not merged

        var listed = (await Listed(region))!;
        Assert.Equal(2, listed["towns"]!.GetValue<int>());
        Assert.Equal("Kreis Tübingen", listed["name"]!["de"]!.GetValue<string>());
        Assert.Single(listed["name"]!.AsObject());

        // A region named before any town names it is listed with no towns.
        var empty = Towns.NewSlug("region");
        await _admin.Put($"/api/v1/regions/{empty}", Named("Noch leer")).Ok(HttpStatusCode.Created);
        Assert.Equal(0, (await Listed(empty))!["towns"]!.GetValue<int>());
    }

    [Fact]
    public async Task Only_an_admin_key_names_a_region()
    {
        var region = Towns.NewSlug("region");
        var (_, townKey) = await Towns.CreateWithKey(app, profile: Towns.Profile(region: region));
        var regionKey = (await _admin.Post("/api/v1/keys", new { scope = "region", region, label = "Agentur" }).Ok(HttpStatusCode.Created))["key"]!.GetValue<string>();
        var url = $"/api/v1/regions/{region}";

        using (var none = await app.Client().Put(url, Named("Ohne Schlüssel")))
        {
            await none.Problem(HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        }

        await app.Client("shk_0123456789abcdef_wrongsecret").Put(url, Named("Falscher Schlüssel")).Problem(HttpStatusCode.Unauthorized);
        await app.Client(townKey).Put(url, Named("Ortsschlüssel")).Problem(HttpStatusCode.Forbidden);
        await app.Client(regionKey).Put(url, Named("Regionsschlüssel")).Problem(HttpStatusCode.Forbidden);

        Assert.Equal(region, (await Listed(region))!["name"]!["de"]!.GetValue<string>());
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "{}", "name" },
        { """{"name":null}""", "name" },
        { """{"name":{}}""", "name" },
        { """{"name":{"de":"   "}}""", "name" },
        { """{"name":{"deutsch":"Landkreis"}}""", "name" },
        { """{"name":{"de_DE":"Landkreis"}}""", "name" },
        { """{"name":{"de":"Land\u0007kreis"}}""", "name.de" },
        { "{\"name\":{\"de\":\"" + new string('x', 101) + "\"}}", "name.de" },
        { """{"name":{"de":"Landkreis","DE":"Kreis"}}""", "name" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_bodies_are_400_with_the_field_and_store_nothing(string body, string field)
    {
        var region = Towns.NewSlug("region");
        var problem = await _admin.SendJson(HttpMethod.Put, $"/api/v1/regions/{region}", body).Problem(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]![field] is not null, $"expected an error for {field}: {problem.ToJsonString()}");
        Assert.Null(await Listed(region));
    }

    [Theory]
    [InlineData("""{"name":"Landkreis Tübingen"}""")]
    [InlineData("""{"name":{"de":"Landkreis"},"towns":3}""")]
    [InlineData("""[]""")]
    [InlineData("""{"name":""")]
    public async Task Malformed_or_wrongly_typed_json_is_400_and_stores_nothing(string body)
    {
        var region = Towns.NewSlug("region");
        await _admin.SendJson(HttpMethod.Put, $"/api/v1/regions/{region}", body).Problem(HttpStatusCode.BadRequest);
        Assert.Null(await Listed(region));
    }

    [Theory]
    [InlineData("Bad_Slug")]
    [InlineData("a")]
    [InlineData("-leading-dash")]
    public async Task A_bad_slug_is_400_before_authentication(string slug)
    {
        var problem = await app.Client().Put($"/api/v1/regions/{slug}", Named("Landkreis")).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["region"]);
        await _admin.Put($"/api/v1/regions/{slug}", Named("Landkreis")).Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415()
    {
        var region = Towns.NewSlug("region");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/regions/{region}") { Content = new StringContent("name=x") };
        using var response = await _admin.SendAsync(request);
        await response.Problem(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_changes_nothing()
    {
        var region = Towns.NewSlug("region");

        // No name yet: nothing can match.
        await _admin.Put($"/api/v1/regions/{region}", Named("Erstname"), ("If-Match", "W/\"datetime'2023-11-20T08%3A00%3A00.0000000Z'\""))
            .Problem(HttpStatusCode.PreconditionFailed);
        Assert.Null(await Listed(region));

        using var created = await _admin.Put($"/api/v1/regions/{region}", Named("Erstname"));
        var read = created.ETag();
        using var changed = await _admin.Put($"/api/v1/regions/{region}", Named("Zweitname"), ("If-Match", read));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        await _admin.Put($"/api/v1/regions/{region}", Named("Drittname"), ("If-Match", read)).Problem(HttpStatusCode.PreconditionFailed);
        Assert.Equal("Zweitname", (await Listed(region))!["name"]!["de"]!.GetValue<string>());

        await _admin.Put($"/api/v1/regions/{region}", Named("Drittname"), ("If-Match", changed.ETag())).Ok();
        await _admin.Put($"/api/v1/regions/{region}", Named("Viertname"), ("If-Match", "*")).Ok();
        Assert.Equal("Viertname", (await Listed(region))!["name"]!["de"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_site_shows_the_slug_until_the_region_is_named_and_the_name_after_a_rename_alone()
    {
        var region = Towns.NewSlug("region");
        var (slug, key) = await Towns.CreateWithKey(app, profile: Towns.Profile(name: "Kreisstadt", region: region));
        await app.Client(key).Put($"/api/v1/towns/{slug}/status", Towns.Status("emergency")).Ok();
        await Render();

        Assert.Contains($">{region}</a>", await app.Client().GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains($"<h1>Verwaltungen in der Region {region}</h1>", await app.Client().GetStringAsync($"/regions/{region}/"), StringComparison.Ordinal);
        Assert.Equal($"StatusHub: {region}", await AtomTitle($"/regions/{region}/feed.atom"));

        // Only the name changes (no town writes): the next render notices it by the region's marker. The name is hostile
        // on purpose: pages must encode it, feeds must stay well-formed XML.
        var name = $"Landkreis <Tübingen> & \"Umgebung\" {region[^6..]}";
        await _admin.Put($"/api/v1/regions/{region}", Named(name, $"Tübingen district {region[^6..]}")).Ok(HttpStatusCode.Created);
        await Render();

        var encoded = $"Landkreis &lt;Tübingen&gt; &amp; &quot;Umgebung&quot; {region[^6..]}";
        var index = await app.Client().GetStringAsync("/");
        Assert.Contains($">{encoded}</a>", index, StringComparison.Ordinal);           // the region in the list of regions
        Assert.Contains($"<span class=\"rg\">{encoded}</span>", index, StringComparison.Ordinal); // beside its town not in normal operation
        Assert.DoesNotContain($">{region}</a>", index, StringComparison.Ordinal);
        Assert.DoesNotContain("<Tübingen>", index, StringComparison.Ordinal);

        var page = await app.Client().GetStringAsync($"/regions/{region}/");
        Assert.Contains($"<h1>Verwaltungen in der Region {encoded}</h1>", page, StringComparison.Ordinal);
        Assert.Contains($"Administrations in the region Tübingen district {region[^6..]}", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<Tübingen>", page, StringComparison.Ordinal);

        Assert.Equal($"StatusHub: {name}", await AtomTitle($"/regions/{region}/feed.atom"));
        Assert.Equal($"StatusHub CAP: {name}", await AtomTitle($"/regions/{region}/cap.xml"));
        var feed = JsonNode.Parse(await app.Client().GetStringAsync($"/regions/{region}/feed.json"))!;
        Assert.Equal(region, feed["region"]!.GetValue<string>());
        Assert.Equal(name, feed["name"]!["de"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_agency_feed_names_the_region()
    {
        var region = Towns.NewSlug("region");
        await Towns.CreateWithKey(app, profile: Towns.Profile(region: region));
        Assert.Equal(region, (await _admin.GetAsync($"/api/v1/regions/{region}/feed").Ok())["name"]!["de"]!.GetValue<string>());

        await _admin.Put($"/api/v1/regions/{region}", Named("Landkreis Reutlingen")).Ok(HttpStatusCode.Created);
        Assert.Equal("Landkreis Reutlingen", (await _admin.GetAsync($"/api/v1/regions/{region}/feed").Ok())["name"]!["de"]!.GetValue<string>());
    }

    private Task<JsonNode> Render() => _admin.PostAsync("/api/v1/render", null).Ok();

    private async Task<string> AtomTitle(string path)
    {
        var feed = XDocument.Parse(await app.Client().GetStringAsync(path));
        return feed.Root!.Element(Atom + "title")!.Value;
    }
}
