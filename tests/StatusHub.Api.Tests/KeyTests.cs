using System.Net;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests;

[Collection(SharedAppCollection.Name)]
public sealed class KeyTests(StatusHubApp app)
{
    private readonly HttpClient _admin = app.Client(StatusHubApp.AdminKey);

    [Fact]
    public async Task Created_key_shows_its_secret_once_and_the_list_never_does()
    {
        var (slug, _) = await Towns.CreateWithKey(app);
        using var response = await _admin.Post("/api/v1/keys", new { scope = "town", town = slug, label = "IT-Leitung" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Json();
        var id = created["id"]!.GetValue<string>();
        var secret = created["key"]!.GetValue<string>();
        Assert.Equal("town", created["scope"]!.GetValue<string>());
        Assert.Equal(slug, created["town"]!.GetValue<string>());
        Assert.Equal("IT-Leitung", created["label"]!.GetValue<string>());
        Assert.NotNull(created["createdAt"]);

        using var list = await _admin.GetAsync("/api/v1/keys");
        var text = await list.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(id, text);
        Assert.DoesNotContain(secret, text);
        Assert.DoesNotContain(secret.Split('_', 3)[2], text); // shk_{id}_{secret}: the secret itself may contain '_'
        var listed = (await list.Json())["keys"]!.AsArray().Single(k => k!["id"]!.GetValue<string>() == id)!;
        Assert.False(listed.AsObject().ContainsKey("key"));
    }

    [Fact]
    public async Task Revoked_key_is_rejected_at_once()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var town = app.Client(key);
        await town.Put($"/api/v1/towns/{slug}/status", Towns.Status()).Ok();
        var id = key.Split('_')[1];

        using var revoked = await _admin.DeleteAsync($"/api/v1/keys/{id}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        await town.Put($"/api/v1/towns/{slug}/status", Towns.Status("normal")).Problem(HttpStatusCode.Unauthorized);
        var listed = (await _admin.GetAsync("/api/v1/keys").Ok())["keys"]!.AsArray().Single(k => k!["id"]!.GetValue<string>() == id)!;
        Assert.NotNull(listed["revokedAt"]);
    }

    [Theory]
    [InlineData("0123456789abcdef")]
    [InlineData("not-a-key-id")]
    public async Task Revoking_an_unknown_key_is_404(string id) =>
        await _admin.DeleteAsync($"/api/v1/keys/{id}").Problem(HttpStatusCode.NotFound);

    [Fact]
    public async Task Region_and_admin_keys_can_be_created()
    {
        var region = await _admin.Post("/api/v1/keys", new { scope = "region", region = "bw-tuebingen", label = "CSBW" }).Ok(HttpStatusCode.Created);
        Assert.Equal("bw-tuebingen", region["region"]!.GetValue<string>());
        var admin = await _admin.Post("/api/v1/keys", new { scope = "admin", label = "second admin" }).Ok(HttpStatusCode.Created);

        // The new admin key works as admin.
        await app.Client(admin["key"]!.GetValue<string>()).GetAsync("/api/v1/keys").Ok();
    }

    public static TheoryData<string> InvalidKeyRequests => new()
    {
        """{"scope":"town"}""",
        """{"scope":"town","town":"no-such-town-here"}""",
        """{"scope":"region"}""",
        """{"scope":"owner","town":"x"}""",
        """{"scope":"admin","town":"moessingen"}""",
        """{"scope":"region","region":"Bad Region"}""",
    };

    [Theory]
    [MemberData(nameof(InvalidKeyRequests))]
    public async Task Invalid_key_requests_are_400_and_create_nothing(string body)
    {
        var before = (await _admin.GetAsync("/api/v1/keys").Ok())["keys"]!.AsArray().Count;
        var problem = await _admin.Post("/api/v1/keys", body).Problem(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]);
        var after = (await _admin.GetAsync("/api/v1/keys").Ok())["keys"]!.AsArray().Count;
        Assert.Equal(before, after);
    }
}
