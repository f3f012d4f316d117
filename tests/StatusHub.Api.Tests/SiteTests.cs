using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Core.Storage;

namespace StatusHub.Api.Tests;

/// <summary>End to end: API → tables → render → blobs → the site served at '/'.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class SiteTests(StatusHubApp app)
{
    private readonly HttpClient _admin = app.Client(StatusHubApp.AdminKey);

    private Task<JsonNode> Render() => _admin.PostAsync("/api/v1/render", null).Ok();

    private async Task<(string Slug, HttpClient Town)> PublishedTown()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var town = app.Client(key);
        await town.Put($"/api/v1/towns/{slug}/status", Towns.Status()).Ok();
        await town.Put($"/api/v1/towns/{slug}/services", new
        {
            services = new object[]
            {
                new { id = "email", state = "unavailable", note = new { de = "Keine E-Mails." } },
                new { id = "phone", state = "available" },
            },
        }).Ok();
        await town.Put($"/api/v1/towns/{slug}/qa", new { items = new[] { new { id = "mail", question = new { de = "Geht E-Mail?" }, answer = new { de = "Nein." } } } }).Ok();
        await town.Post($"/api/v1/towns/{slug}/updates", new { text = new { de = "Telefon geht." }, at = "2023-11-20T09:00:00+01:00" }).Ok(HttpStatusCode.Created);
        return (slug, town);
    }

    [Fact]
    public async Task Every_site_path_of_a_town_is_served_with_its_content_type_after_a_render()
    {
        var (slug, _) = await PublishedTown();
        var result = await Render();
        Assert.True(result["townsRendered"]!.GetValue<int>() >= 1);
        Assert.True(result["blobsWritten"]!.GetValue<int>() >= 13);
        Assert.NotNull(result["elapsedMs"]);

        var site = app.Client();
        async Task<string> Get(string path, string contentType)
        {
            using var response = await site.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("max-age=", response.Headers.CacheControl?.ToString());
            return body;
        }

        var page = await Get($"/{slug}/", "text/html");
        Assert.Contains("Cyberangriff: Notbetrieb", page);
        Assert.Contains("Geht E-Mail?", page);
        Assert.DoesNotContain("GEHEIM", page);

        var english = await Get($"/{slug}/en/", "text/html");
        Assert.Contains("Cyberattack", english);
        Assert.Contains("lang=\"en\"", english);

        var status = JsonNode.Parse(await Get($"/{slug}/status.json", "application/json"))!;
        var apiDocument = await app.Client().GetAsync($"/api/v1/towns/{slug}").Ok();
        Assert.Equal(apiDocument.ToJsonString(), status.ToJsonString());

        var atom = await Get($"/{slug}/feed.atom", "application/atom+xml");
        using (var reader = XmlReader.Create(new StringReader(atom)))
        {
            var feed = SyndicationFeed.Load(reader);
            Assert.Contains(feed.Items, i => i.Title.Text.Contains("Telefon geht.", StringComparison.Ordinal));
            Assert.Contains(feed.Items, i => i.Title.Text.Contains("Cyberangriff: Notbetrieb", StringComparison.Ordinal));
        }

        var summary = JsonNode.Parse(await Get($"/{slug}/api/v2/summary.json", "application/json"))!;
        Assert.Equal("major", summary["status"]!["indicator"]!.GetValue<string>());
        Assert.Equal(slug, summary["page"]!["id"]!.GetValue<string>());
        var components = summary["components"]!.AsArray();
        Assert.Equal("major_outage", components.Single(c => c!["name"]!.GetValue<string>() == "E-Mail")!["status"]!.GetValue<string>());
        Assert.Equal("operational", components.Single(c => c!["name"]!.GetValue<string>() == "Telefon")!["status"]!.GetValue<string>());
        Assert.Single(summary["incidents"]!.AsArray());

        // The badge other sites embed with <img>: an SVG image whose words say the level.
        var badge = XDocument.Parse(await Get($"/{slug}/badge.svg", "image/svg+xml")).Root!;
        Assert.Equal("img", badge.Attribute("role")!.Value);
        Assert.Contains(badge.Descendants(badge.Name.Namespace + "text"), t => t.Value == "Notbetrieb");

        // The notice for the town-hall door, linked from the page's footer, with the level and a QR code.
        Assert.Contains($"href=\"/{slug}/aushang/\"", page, StringComparison.Ordinal);
        var notice = await Get($"/{slug}/aushang/", "text/html");
        Assert.Contains("Notbetrieb", notice, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"qr\"", notice, StringComparison.Ordinal);

        var index = await Get("/", "text/html");
        Assert.Contains($"/{slug}/", index);
        Assert.Equal(index, await Get("/index.html", "text/html"));

        // The folder without its slash gets its index document, as on the static website (pages link absolutely).
        Assert.Equal(page, await Get($"/{slug}", "text/html"));
        using var missing = await site.GetAsync("/no-such-town-here/");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_town_without_English_text_has_no_English_page()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        await app.Client(key).Put($"/api/v1/towns/{slug}/status", new { level = "disrupted", headline = new { de = "Nur Deutsch" } }).Ok();
        await Render();
        using var english = await app.Client().GetAsync($"/{slug}/en/");
        Assert.Equal(HttpStatusCode.NotFound, english.StatusCode);

        // Adding English text later creates the page; removing it again deletes it.
        await app.Client(key).Put($"/api/v1/towns/{slug}/status", new { level = "disrupted", headline = new { de = "Deutsch", en = "English" } }).Ok();
        await Render();
        using (var created = await app.Client().GetAsync($"/{slug}/en/"))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        await app.Client(key).Put($"/api/v1/towns/{slug}/status", new { level = "disrupted", headline = new { de = "Wieder nur Deutsch" } }).Ok();
        await Render();
        using var removed = await app.Client().GetAsync($"/{slug}/en/");
        Assert.Equal(HttpStatusCode.NotFound, removed.StatusCode);
    }

    [Fact]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)] // Counts the storage calls of the host's own process.
    public async Task Render_is_incremental()
    {
        var (changed, town) = await PublishedTown();
        var (untouched, _) = await PublishedTown();
        await Render();

        var calls = app.Services.GetRequiredService<StorageCalls>();
        var callsBefore = calls.Snapshot();
        var nothing = await Render();
        var idle = calls.Snapshot() - callsBefore;
        Assert.Equal(0, nothing["townsRendered"]!.GetValue<int>());
        Assert.Equal(0, nothing["blobsWritten"]!.GetValue<int>());

        // The admin key is the bootstrap key (no table read): the idle tick is exactly the one marker query.
        Assert.Equal(new StorageCallCount(TableReads: 1, TableWrites: 0, BlobReads: 0, BlobWrites: 0), idle);

        using var before = await app.Client().GetAsync($"/{untouched}/");
        await town.Post($"/api/v1/towns/{changed}/updates", new { text = new { de = "Neue Meldung" } }).Ok(HttpStatusCode.Created);
        var one = await Render();
        Assert.Equal(1, one["townsRendered"]!.GetValue<int>());

        // A new update changes the pages, status.json, the feed and the Statuspage incident files (summary, incidents,
        // unresolved), not the badge nor the other 5 Statuspage files.
        Assert.True(one["blobsUnchanged"]!.GetValue<int>() >= 6);
        using var after = await app.Client().GetAsync($"/{untouched}/");
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
        Assert.Contains("Neue Meldung", await app.Client().GetStringAsync($"/{changed}/"));
    }

    [Fact]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)] // Counts the storage calls of the host's own process.
    public async Task An_incremental_render_reads_the_changed_town_and_its_region_only()
    {
        var region = Towns.NewSlug("region");
        var slugs = new List<string>();
        HttpClient? first = null;
        for (var i = 0; i < 3; i++)
        {
            var (slug, key) = await Towns.CreateWithKey(app, profile: Towns.Profile(name: $"Regionsort {i}", region: region));
            await app.Client(key).Put($"/api/v1/towns/{slug}/status", Towns.Status()).Ok();
            first ??= app.Client(key);
            slugs.Add(slug);
        }

        // Other towns, in other regions, exist in this shared app: none of them is read.
        await Render();
        await first!.Put($"/api/v1/towns/{slugs[0]}/status", Towns.Status("offline", "Nur diese Stadt")).Ok();
        var calls = app.Services.GetRequiredService<StorageCalls>();
        var before = calls.Snapshot();
        var one = await Render();
        var used = calls.Snapshot() - before;

        Assert.Equal(1, one["townsRendered"]!.GetValue<int>());

        // 2 marker queries (before and under the lease) + 1 region-directory query + 1 query of the region names + the
        // region's 3 town partitions + the render state of the town's folder, the region's folder and the site index
        // (the level changed, so the index did): point reads of the render table. Nothing of $web is read.
        Assert.Equal(10, used.TableReads);
        Assert.Equal(0, used.BlobReads);
        Assert.Contains("Nur diese Stadt", await app.Client().GetStringAsync($"/{slugs[0]}/"));
        Assert.Contains("Regionsort 2", await app.Client().GetStringAsync($"/regions/{region}/"));
    }

    [Fact]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)] // Counts the storage calls of the host's own process.
    public async Task A_render_tick_reads_nothing_of_the_site_and_still_skips_unchanged_files_and_deletes_a_removed_language()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var town = app.Client(key);
        await town.Put($"/api/v1/towns/{slug}/status", new { level = "disrupted", headline = new { de = "Deutsch", en = "English" } }).Ok();
        await Render();
        using (var english = await app.Client().GetAsync($"/{slug}/en/"))
        {
            Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        }

        using var badgeBefore = await app.Client().GetAsync($"/{slug}/badge.svg");
        await town.Put($"/api/v1/towns/{slug}/status", new { level = "disrupted", headline = new { de = "Nur noch Deutsch" } }).Ok();
        var calls = app.Services.GetRequiredService<StorageCalls>();
        var before = calls.Snapshot();
        var result = await Render();
        var used = calls.Snapshot() - before;

        // What was published is known from the render table: no listing, no download of $web.
        Assert.Equal(0, used.BlobReads);
        Assert.Equal(1, result["townsRendered"]!.GetValue<int>());

        // The badge (the level is the same) did not change: not uploaded again (same blob ETag); the English page is deleted.
        Assert.True(result["blobsUnchanged"]!.GetValue<int>() >= 1, result.ToJsonString());
        using var badgeAfter = await app.Client().GetAsync($"/{slug}/badge.svg");
        Assert.Equal(badgeBefore.Headers.ETag, badgeAfter.Headers.ETag);
        using var removed = await app.Client().GetAsync($"/{slug}/en/");
        Assert.Equal(HttpStatusCode.NotFound, removed.StatusCode);
        Assert.Contains("Nur noch Deutsch", await app.Client().GetStringAsync($"/{slug}/"), StringComparison.Ordinal);

        // The town's folder row in the render table lists what is published now: no English page.
        var row = await app.Services.GetRequiredService<PublishedFolders>().ReadAsync($"{slug}/", CancellationToken.None);
        Assert.True(row.Recorded);
        Assert.Contains($"{slug}/status.json", row.Files.Keys);
        Assert.DoesNotContain(row.Files.Keys, path => path.StartsWith($"{slug}/en/", StringComparison.Ordinal));
    }

    [Fact]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)] // Reads and deletes a render-table row through the host's own services.
    public async Task A_folder_without_its_render_state_row_is_uploaded_in_full_once()
    {
        var (slug, town) = await PublishedTown();
        await Render();
        var published = app.Services.GetRequiredService<PublishedFolders>();
        var recorded = await published.ReadAsync($"{slug}/", CancellationToken.None);
        Assert.True(recorded.Files.Count >= 13);

        // The first tick after an upgrade finds no row: every file of the folder counts as changed and is uploaded again.
        await published.WriteAsync($"{slug}/", new PublishedFolder(new Dictionary<string, string>()), CancellationToken.None);
        Assert.False((await published.ReadAsync($"{slug}/", CancellationToken.None)).Recorded);
        await town.Post($"/api/v1/towns/{slug}/updates", new { text = new { de = "Nach dem Update" } }).Ok(HttpStatusCode.Created);
        var calls = app.Services.GetRequiredService<StorageCalls>();
        var before = calls.Snapshot();
        await Render();
        var used = calls.Snapshot() - before;
        Assert.Equal(0, used.BlobReads);
        Assert.True(used.BlobWrites >= recorded.Files.Count, $"{used.BlobWrites} blob writes for {recorded.Files.Count} files");
        Assert.Equal(recorded.Files.Keys.Order(StringComparer.Ordinal), (await published.ReadAsync($"{slug}/", CancellationToken.None)).Files.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_town_that_moves_leaves_its_old_region_and_joins_the_new_one()
    {
        var (from, to) = (Towns.NewSlug("region"), Towns.NewSlug("region"));
        var (mover, _) = await Towns.CreateWithKey(app, profile: Towns.Profile(name: "Umzugsstadt", region: from));
        var (stayer, _) = await Towns.CreateWithKey(app, profile: Towns.Profile(name: "Bleibestadt", region: from));
        await Render();
        Assert.Contains("Umzugsstadt", await app.Client().GetStringAsync($"/regions/{from}/"));

        await _admin.Put($"/api/v1/towns/{mover}", Towns.Profile(name: "Umzugsstadt", region: to)).Ok();
        await Render();

        var old = await app.Client().GetStringAsync($"/regions/{from}/");
        Assert.Contains("Bleibestadt", old);
        Assert.DoesNotContain("Umzugsstadt", old);
        Assert.Contains("Umzugsstadt", await app.Client().GetStringAsync($"/regions/{to}/"));
        var index = await app.Client().GetStringAsync("/");
        Assert.Contains($"/regions/{to}/", index);
        Assert.Contains($"/regions/{from}/", index); // the stayer's region; towns in normal operation are listed on their region page only
        Assert.DoesNotContain($"/{stayer}/", index);

        // When its last town leaves, a region's files go and the index no longer links it.
        await _admin.Put($"/api/v1/towns/{stayer}", Towns.Profile(name: "Bleibestadt", region: to)).Ok();
        await Render();
        using var gone = await app.Client().GetAsync($"/regions/{from}/");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.DoesNotContain($"/regions/{from}/", await app.Client().GetStringAsync("/"));
    }

    [Fact]
    public async Task A_write_during_a_render_keeps_its_marker_and_is_rendered_next_time()
    {
        var (slug, town) = await PublishedTown();
        var markers = app.Services.GetRequiredService<RenderMarkers>();
        var read = (await markers.ListAsync(default)).Single(m => m.Town == slug);
        var rendered = await app.Services.GetRequiredService<TownRepository>().GetAsync(slug, default);

        // The write lands after the renderer read the marker and the town (the head is dirty, so the write is its
        // transaction alone): clearing the head's dirty state on the head it read must fail, and the marker stays.
        await town.Put($"/api/v1/towns/{slug}/status", Towns.Status("offline", "Während des Renderns")).Ok();
        Assert.False(await markers.TryClearRenderedAsync(read, rendered, default));
        Assert.Contains(await markers.ListAsync(default), m => m.Town == slug);

        await Render();
        Assert.Contains("Während des Renderns", await app.Client().GetStringAsync($"/{slug}/"));
        Assert.DoesNotContain(await markers.ListAsync(default), m => m.Town == slug);
    }

    [Fact]
    public async Task A_fresh_page_is_scheduled_to_turn_stale_and_an_old_one_warns_at_once()
    {
        var (fresh, freshKey) = await Towns.CreateWithKey(app);
        var asOf = DateTimeOffset.UtcNow.AddHours(-1);
        await app.Client(freshKey).Put($"/api/v1/towns/{fresh}/status", new
        {
            level = "disrupted", headline = new { de = "Aktuell" },
            asOf = asOf.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)
        }).Ok();
        var (old, oldKey) = await Towns.CreateWithKey(app);
        await app.Client(oldKey).Put($"/api/v1/towns/{old}/status", new { level = "disrupted", headline = new { de = "Alt" }, asOf = "2023-11-20T08:00:00+01:00" }).Ok();
        await Render();

        var markers = await app.Services.GetRequiredService<RenderMarkers>().ListAsync(default);
        var scheduled = Assert.Single(markers, m => m.Town == fresh);
        Assert.Equal(asOf.AddDays(3).ToUnixTimeSeconds(), scheduled.DueAt!.Value.ToUnixTimeSeconds());
        Assert.DoesNotContain(markers, m => m.Town == old);

        // A marker that is not yet due is not rendered.
        Assert.Equal(0, (await Render())["townsRendered"]!.GetValue<int>());
        Assert.DoesNotContain("älter als 3 Tage", await app.Client().GetStringAsync($"/{fresh}/"));
        Assert.Contains("älter als 3 Tage", await app.Client().GetStringAsync($"/{old}/"));
    }

    [Fact]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)] // On Azure the static website sends none; Front Door adds them (InfraTests).
    public async Task Every_site_file_refuses_framing_and_sniffing_and_the_console_keeps_its_own_policy()
    {
        var (slug, _) = await PublishedTown();
        await Render();

        foreach (var path in new[] { $"/{slug}/", $"/{slug}/aushang/", $"/{slug}/status.json", $"/{slug}/badge.svg", "/", "/does-not-exist/", "/publish/" })
        {
            using var response = await app.Client().GetAsync(path);
            foreach (var (name, value) in Core.Rendering.SiteHeaders.All.Where(h => path != "/publish/" || h.Key != "Content-Security-Policy"))
            {
                Assert.True(response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values), $"{path}: no {name}");
                Assert.Equal(value, Assert.Single(values));
            }

            // Plain HTTP: Strict-Transport-Security only means something over HTTPS (RFC 6797 §7.2).
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), path);
        }

        using var console = await app.Client().GetAsync("/publish/");
        var policy = Assert.Single(console.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.EndsWith("; frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_needs_an_admin_key()
    {
        var (_, key) = await Towns.CreateWithKey(app);
        await app.Client().PostAsync("/api/v1/render", null).Problem(HttpStatusCode.Unauthorized);
        await app.Client(key).PostAsync("/api/v1/render", null).Problem(HttpStatusCode.Forbidden);
    }
}
