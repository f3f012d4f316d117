using System.Net;
using System.Text.Json.Nodes;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests.Security;

/// <summary>GET /api/v1/towns/{town}/audit: who, what, when and the resulting ETag of every accepted write, newest first, paged.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class AuditTrailTests(StatusHubApp app)
{
    [Fact]
    public async Task Every_accepted_write_is_listed_newest_first_with_key_operation_resource_and_etag()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var keyId = key.Split('_')[1];
        var client = app.Client(key);
        using var status = await client.Put($"/api/v1/towns/{slug}/status", Towns.Status());
        using var service = await client.Put($"/api/v1/towns/{slug}/services/email", new { state = "unavailable" });
        using var update = await client.Post($"/api/v1/towns/{slug}/updates", new { text = new { de = "Neu" } });
        var updateId = (await update.Json())["id"]!.GetValue<string>();

        var page = await client.GetAsync($"/api/v1/towns/{slug}/audit").Ok();
        var items = Items(page);

        Assert.Equal(["update.add", "service.put", "status.put", "town.create"], items.Select(i => i["operation"]!.GetValue<string>()));
        Assert.Equal(
            [$"towns/{slug}/updates/{updateId}", $"towns/{slug}/services", $"towns/{slug}/status", $"towns/{slug}"],
            items.Select(i => i["resource"]!.GetValue<string>()));
        // The town key sees its own key's id and label, and only the scope of any other writer (API.md, Audit).
        Assert.Equal([keyId, keyId, keyId, "admin"], items.Select(i => i["keyId"]!.GetValue<string>()));
        Assert.Equal(["test", "test", "test", "admin"], items.Select(i => i["keyLabel"]!.GetValue<string>()));
        var asAdmin = Items(await app.Client(StatusHubApp.AdminKey).GetAsync($"/api/v1/towns/{slug}/audit").Ok());
        Assert.Equal([keyId, keyId, keyId, "bootstrap"], asAdmin.Select(i => i["keyId"]!.GetValue<string>()));
        Assert.Equal(["test", "test", "test", "bootstrap admin key"], asAdmin.Select(i => i["keyLabel"]!.GetValue<string>()));
        Assert.Equal([update.ETag(), service.ETag(), status.ETag()], items.Take(3).Select(i => i["etag"]!.GetValue<string>()));
        var times = items.Select(i => DateTimeOffset.Parse(i["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Null(page["next"]);
        Assert.DoesNotContain(key.Split('_', 3)[2], page.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_follow_next_until_null_and_cover_every_entry_once()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var client = app.Client(key);
        for (var i = 0; i < 4; i++)
        {
            await client.Put($"/api/v1/towns/{slug}/services/email", new { state = i % 2 == 0 ? "limited" : "available" }).Ok();
        }

        var all = Items(await client.GetAsync($"/api/v1/towns/{slug}/audit?limit=200").Ok());
        Assert.Equal(5, all.Count);

        var paged = new List<JsonNode>();
        var pages = 0;
        string? next = null;
        do
        {
            var url = $"/api/v1/towns/{slug}/audit?limit=2" + (next is null ? "" : $"&continuation={Uri.EscapeDataString(next)}");
            var page = await client.GetAsync(url).Ok();
            Assert.InRange(Items(page).Count, 0, 2);
            paged.AddRange(Items(page));
            next = page["next"]?.GetValue<string>();
            pages++;
        }
        while (next is not null && pages < 10);

        Assert.Null(next);
        Assert.Equal(all.Select(i => i.ToJsonString()), paged.Select(i => i.ToJsonString()));
    }

    [Fact]
    public async Task Only_that_towns_key_and_admin_may_read_it()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var (_, otherKey) = await Towns.CreateWithKey(app);
        var regionKey = (await app.Client(StatusHubApp.AdminKey)
            .Post("/api/v1/keys", new { scope = "region", region = "test-region" }).Ok(HttpStatusCode.Created))["key"]!.GetValue<string>();
        var url = $"/api/v1/towns/{slug}/audit";

        await app.Client().GetAsync(url).Problem(HttpStatusCode.Unauthorized);
        await app.Client("shk_0123456789abcdef_wrongsecret").GetAsync(url).Problem(HttpStatusCode.Unauthorized);
        await app.Client(otherKey).GetAsync(url).Problem(HttpStatusCode.Forbidden);
        await app.Client(regionKey).GetAsync(url).Problem(HttpStatusCode.Forbidden);
        await app.Client(key).GetAsync(url).Ok();
        await app.Client(StatusHubApp.AdminKey).GetAsync(url).Ok();

        await app.Client(StatusHubApp.AdminKey).GetAsync("/api/v1/towns/Not_A_Slug/audit").Problem(HttpStatusCode.NotFound);
        await app.Client(StatusHubApp.AdminKey).GetAsync($"/api/v1/towns/{Towns.NewSlug()}/audit").Problem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("limit=-1")]
    [InlineData("limit=ten")]
    [InlineData("limit=1&limit=2")]
    [InlineData("continuation=%21%21%21")]
    [InlineData("continuation=")]
    public async Task Bad_paging_parameters_are_400(string query)
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        await app.Client(key).GetAsync($"/api/v1/towns/{slug}/audit?{query}").Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_default_page_is_50_entries()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var client = app.Client(key);
        for (var i = 0; i < 55; i++)
        {
            await client.Post($"/api/v1/towns/{slug}/updates", new { text = new { de = $"Eintrag {i}" } }).Ok(HttpStatusCode.Created);
        }

        var first = await client.GetAsync($"/api/v1/towns/{slug}/audit").Ok();
        Assert.Equal(50, Items(first).Count);
        var next = first["next"]!.GetValue<string>();
        var second = await client.GetAsync($"/api/v1/towns/{slug}/audit?continuation={Uri.EscapeDataString(next)}").Ok();
        Assert.Equal(6, Items(second).Count);
    }

    [Fact]
    public async Task Rejected_writes_are_not_stored()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var (_, otherKey) = await Towns.CreateWithKey(app);
        var client = app.Client(key);
        using var accepted = await client.Put($"/api/v1/towns/{slug}/status", Towns.Status());
        var before = Items(await client.GetAsync($"/api/v1/towns/{slug}/audit").Ok()).Count;

        await client.Put($"/api/v1/towns/{slug}/status", new { level = "panic" }).Problem(HttpStatusCode.BadRequest);
        await app.Client(otherKey).Put($"/api/v1/towns/{slug}/status", Towns.Status()).Problem(HttpStatusCode.Forbidden);
        await app.Client().Put($"/api/v1/towns/{slug}/status", Towns.Status()).Problem(HttpStatusCode.Unauthorized);
        await client.Put($"/api/v1/towns/{slug}/status", Towns.Status(), ("If-Match", "\"stale\"")).Problem(HttpStatusCode.PreconditionFailed);
        await client.DeleteAsync($"/api/v1/towns/{slug}/updates/nothing-here").Problem(HttpStatusCode.NotFound);

        Assert.Equal(before, Items(await client.GetAsync($"/api/v1/towns/{slug}/audit").Ok()).Count);
    }

    [Fact]
    public async Task A_continuation_never_reaches_another_towns_rows_and_garbage_is_never_a_500()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var (otherSlug, otherKey) = await Towns.CreateWithKey(app);
        await app.Client(key).Put($"/api/v1/towns/{slug}/status", Towns.Status()).Ok();
        await app.Client(otherKey).Put($"/api/v1/towns/{otherSlug}/status", Towns.Status()).Ok();
        var foreign = (await app.Client(key).GetAsync($"/api/v1/towns/{slug}/audit?limit=1").Ok())["next"]!.GetValue<string>();

        var page = await app.Client(otherKey).GetAsync($"/api/v1/towns/{otherSlug}/audit?continuation={Uri.EscapeDataString(foreign)}").Ok();
        Assert.All(Items(page), i => Assert.StartsWith($"towns/{otherSlug}", i["resource"]!.GetValue<string>(), StringComparison.Ordinal));

        foreach (var garbage in new[] { "Z2FyYmFnZQ", "IA", "fHx8fA", Convert.ToBase64String(new byte[300]).TrimEnd('=').Replace('+', '-').Replace('/', '_') })
        {
            using var response = await app.Client(otherKey).GetAsync($"/api/v1/towns/{otherSlug}/audit?continuation={garbage}");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{garbage}: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.All(Items(await response.Json()), i => Assert.StartsWith($"towns/{otherSlug}", i["resource"]!.GetValue<string>(), StringComparison.Ordinal));
            }
        }
    }

    private static List<JsonNode> Items(JsonNode page) => page["items"]!.AsArray().Select(i => i!).ToList();
}
