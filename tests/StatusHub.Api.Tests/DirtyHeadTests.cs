using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Core.Errors;
using StatusHub.Core.Storage;

namespace StatusHub.Api.Tests;

/// <summary>
/// docs/storage.md, "Interleavings": a town write on a clean head writes the render marker before its transaction, a write
/// on a dirty head is the transaction alone, and the renderer clears the dirty state on the head it rendered before it
/// deletes the marker. Each interleaving of writer and renderer is played step by step on Azurite: no write is left
/// without a marker while its head is dirty, and the next render shows it.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class DirtyHeadTests(StatusHubApp app)
{
    private static readonly WriteContext Anyone = new(new Actor("test", "test", "admin"), null);

    private StatusHubStorage Storage => app.Services.GetRequiredService<StatusHubStorage>();

    [Fact]
    public async Task A_write_between_the_renderers_read_and_its_clear_keeps_the_marker_and_is_rendered_next()
    {
        var (slug, _) = await Towns.CreateWithKey(app);
        await using var instance = CoreInstance.Create(app);
        var towns = instance.GetRequiredService<TownRepository>();
        var markers = instance.GetRequiredService<RenderMarkers>();
        await towns.PutStatusAsync(slug, _ => Status("eins"), Anyone, default);

        var marker = await MarkerOf(markers, slug);
        var read = (await towns.GetAsync(slug, default))!;

        // The writer's head is dirty (as it committed it): the write is its transaction alone, and lands now.
        var written = await towns.PutStatusAsync(slug, _ => Status("zwei"), Anyone, default);
        Assert.Equal(marker.ETag, (await MarkerOf(markers, slug)).ETag);

        Assert.False(await markers.TryClearRenderedAsync(marker, read, default));
        Assert.True(TownRows.IsDirty(await Head(slug)));
        Assert.Equal(marker.ETag, (await MarkerOf(markers, slug)).ETag);

        await Render();
        Assert.Equal("zwei", await PublishedHeadline(slug));
        Assert.False(TownRows.IsDirty(await Head(slug)));
        Assert.Null(await FindMarker(markers, slug));
        Assert.Equal(written.ETag, (await towns.GetAsync(slug, default))!.ETag);
    }

    [Fact]
    public async Task A_writer_that_holds_the_head_dirty_after_the_renderer_cleared_it_retries_and_writes_the_marker()
    {
        var (slug, _) = await Towns.CreateWithKey(app);
        await using var instance = CoreInstance.Create(app);
        var towns = instance.GetRequiredService<TownRepository>();
        var markers = instance.GetRequiredService<RenderMarkers>();
        var one = await towns.PutStatusAsync(slug, _ => Status("eins"), Anyone, default);

        // The renderer renders "eins" and clears: head clean, no marker. The writer still remembers the head dirty.
        var marker = await MarkerOf(markers, slug);
        Assert.True(await markers.TryClearRenderedAsync(marker, (await towns.GetAsync(slug, default))!, default));
        Assert.False(TownRows.IsDirty(await Head(slug)));
        Assert.Null(await FindMarker(markers, slug));

        // Its transaction fails on the moved Table ETag (412 on the first and only attempt, so nothing of it committed and
        // its audit row is not read), it re-reads the head, finds it clean, marks, commits. Its If-Match is the version it
        // was given: the clear kept it.
        var calls = instance.GetRequiredService<StorageCalls>();
        var before = calls.Snapshot();
        var two = await towns.PutStatusAsync(slug, _ => Status("zwei"), new WriteContext(Anyone.Actor, one.ETag), default);
        Assert.Equal(new StorageCallCount(TableReads: 1, TableWrites: 3, BlobReads: 0, BlobWrites: 0), calls.Snapshot() - before);

        Assert.NotNull(await FindMarker(markers, slug));
        var head = await Head(slug);
        Assert.True(TownRows.IsDirty(head));
        Assert.Equal(two.ETag, TownRows.VersionTag(head));
        Assert.Equal(TownRows.VersionTag(TownRows.ReadVersion(head) - 1), one.ETag);
    }

    [Fact]
    public async Task A_marker_written_between_the_renderers_clear_and_its_delete_is_kept()
    {
        var (slug, _) = await Towns.CreateWithKey(app);
        await using var instance = CoreInstance.Create(app);
        await using var writer = CoreInstance.Create(app);
        var towns = instance.GetRequiredService<TownRepository>();
        var markers = instance.GetRequiredService<RenderMarkers>();
        await towns.PutStatusAsync(slug, _ => Status("eins"), Anyone, default);

        var marker = await MarkerOf(markers, slug);
        Assert.True(await markers.TryClearDirtyAsync((await towns.GetAsync(slug, default))!, default));

        // Another instance writes now: the head is clean, so it marks the town again before its transaction.
        await writer.GetRequiredService<TownRepository>().PutStatusAsync(slug, _ => Status("zwei"), Anyone, default);

        Assert.False(await markers.TryClearAsync(marker, default));
        Assert.NotNull(await FindMarker(markers, slug));
        Assert.True(TownRows.IsDirty(await Head(slug)));

        await Render();
        Assert.Equal("zwei", await PublishedHeadline(slug));
        Assert.Null(await FindMarker(markers, slug));
    }

    [Fact]
    public async Task A_marker_written_for_a_transaction_that_failed_renders_the_town_unchanged()
    {
        var (slug, _) = await Towns.CreateWithKey(app);
        await using var instance = CoreInstance.Create(app);
        var towns = instance.GetRequiredService<TownRepository>();
        var markers = instance.GetRequiredService<RenderMarkers>();
        await towns.PutStatusAsync(slug, _ => Status("eins"), Anyone, default);
        await Render();
        var rendered = await Head(slug);
        Assert.False(TownRows.IsDirty(rendered));
        Assert.Null(await FindMarker(markers, slug));

        // The head is clean, so the marker goes first; the transaction then fails (no such update: 404), nothing committed.
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => towns.DeleteUpdateAsync(slug, "fehlt", Anyone, default));
        Assert.NotNull(await FindMarker(markers, slug));
        var after = await Head(slug);
        Assert.False(TownRows.IsDirty(after));
        Assert.Equal(rendered.ETag, after.ETag);

        await Render();
        Assert.Equal("eins", await PublishedHeadline(slug));
        Assert.Null(await FindMarker(markers, slug));
        Assert.Equal(TownRows.VersionTag(rendered), TownRows.VersionTag(await Head(slug)));
    }

    [Fact]
    public async Task A_head_written_before_versions_reads_as_version_0_and_its_next_write_marks_the_town()
    {
        var (slug, _) = await Towns.CreateWithKey(app);
        await using var instance = CoreInstance.Create(app);
        var towns = instance.GetRequiredService<TownRepository>();
        var markers = instance.GetRequiredService<RenderMarkers>();
        await Render();
        Assert.Null(await FindMarker(markers, slug));

        var legacy = await Head(slug);
        legacy.Remove(TownRows.VersionColumn);
        legacy.Remove(TownRows.DirtyColumn);
        await Storage.Towns.UpdateEntityAsync(legacy, legacy.ETag, TableUpdateMode.Replace);
        Assert.Equal("\"v0\"", (await towns.GetAsync(slug, default))!.ETag);

        var written = await towns.PutStatusAsync(slug, _ => Status("eins"), new WriteContext(Anyone.Actor, "\"v0\""), default);
        Assert.Equal("\"v1\"", written.ETag);
        Assert.NotNull(await FindMarker(markers, slug));
        Assert.True(TownRows.IsDirty(await Head(slug)));
    }

    private static TownStatus Status(string headline) =>
        new(TownLevel.Emergency, new LocalizedText { ["de"] = headline }, new LocalizedText(), DateTimeOffset.UtcNow, null);

    private async Task<TableEntity> Head(string slug) => (await Storage.Towns.GetEntityAsync<TableEntity>(slug, TownRows.Head)).Value;

    /// <summary>The town's marker due now (a render leaves one due when the page turns stale, which is not this).</summary>
    private static async Task<RenderMarker?> FindMarker(RenderMarkers markers, string slug) =>
        (await markers.ListDueAsync(DateTimeOffset.UtcNow, default)).SingleOrDefault(m => m.Town == slug);

    private static async Task<RenderMarker> MarkerOf(RenderMarkers markers, string slug) =>
        await FindMarker(markers, slug) ?? throw new InvalidOperationException($"No render marker for {slug}");

    private async Task Render()
    {
        await app.Client(StatusHubApp.AdminKey).PostAsync("/api/v1/render", null).Ok();
        await app.AfterRenderAsync();
    }

    private async Task<string> PublishedHeadline(string slug)
    {
        var blob = await Storage.Web.GetBlobClient($"{slug}/status.json").DownloadContentAsync();
        return JsonNode.Parse(blob.Value.Content.ToString())!["headline"]!["de"]!.GetValue<string>();
    }
}

/// <summary>
/// The cost of a publish (issue 16): once a town is dirty and this instance committed its head, every further
/// <c>PUT …/status</c> is one storage request, its entity-group transaction, and no read; the render still shows the last.
/// </summary>
[Trait(HostTraits.Name, HostTraits.ServerOnly)] // Counts the storage calls of the host's own process.
public sealed class PublishCostTests(StatusHubApp app) : IClassFixture<StatusHubApp>
{
    [Fact]
    public async Task After_the_first_publish_each_publish_is_one_table_request()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var client = app.Client(key);
        using (var first = await client.Put($"/api/v1/towns/{slug}/status", Towns.Status("emergency", "Erste Meldung")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        const int publishes = 5;
        var calls = app.Services.GetRequiredService<StorageCalls>();
        var before = calls.Snapshot();
        var tags = new List<string>();
        for (var i = 1; i <= publishes; i++)
        {
            using var published = await client.Put($"/api/v1/towns/{slug}/status", Towns.Status("emergency", $"Meldung {i}"));
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
            tags.Add(published.ETag());
        }

        Assert.Equal(new StorageCallCount(TableReads: 0, TableWrites: publishes, BlobReads: 0, BlobWrites: 0), calls.Snapshot() - before);
        Assert.Equal(publishes, tags.Distinct().Count());
        Assert.All(tags, tag => Assert.Matches("^\"v[0-9]+\"$", tag));

        await app.Client(StatusHubApp.AdminKey).PostAsync("/api/v1/render", null).Ok();
        var status = await app.Client().GetAsync($"/{slug}/status.json").Ok();
        Assert.Equal($"Meldung {publishes}", status["headline"]!["de"]!.GetValue<string>());
        using var document = await app.Client().GetAsync($"/api/v1/towns/{slug}");
        Assert.Equal(tags[^1], document.ETag());
    }

    [Fact]
    public async Task After_the_first_update_each_update_below_the_cap_is_one_table_request()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var client = app.Client(key);
        await client.Post($"/api/v1/towns/{slug}/updates", new { text = new { de = "Erste Meldung" } }).Ok(HttpStatusCode.Created);

        const int updates = 5;
        var calls = app.Services.GetRequiredService<StorageCalls>();
        var before = calls.Snapshot();
        for (var i = 1; i <= updates; i++)
        {
            await client.Post($"/api/v1/towns/{slug}/updates", new { text = new { de = $"Meldung {i}" } }).Ok(HttpStatusCode.Created);
        }

        Assert.Equal(new StorageCallCount(TableReads: 0, TableWrites: updates, BlobReads: 0, BlobWrites: 0), calls.Snapshot() - before);
        Assert.Equal(updates + 1, (await app.Client().GetAsync($"/api/v1/towns/{slug}").Ok())["updates"]!.AsArray().Count);
    }
}
