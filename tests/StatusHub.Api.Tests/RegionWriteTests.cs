using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Core.Domain;
using StatusHub.Core.Errors;
using StatusHub.Core.Storage;

namespace StatusHub.Api.Tests;

/// <summary>
/// docs/storage.md, "A region's name": a rename on a clean row writes the region's marker before its transaction, the
/// transaction is the write's last storage request (so no fault after the commit can answer 503), and the renderer
/// clears the row's dirty state on the row it rendered before it deletes the marker, so a rename during a render is
/// rendered next tick.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class RegionWriteTests(StatusHubApp app)
{
    private static readonly WriteContext Anyone = new(new Actor("test", "test", "admin"), null);

    private StatusHubStorage Storage => app.Services.GetRequiredService<StatusHubStorage>();

    [Fact]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)] // Counts the storage calls of the host's own process.
    public async Task A_rename_is_its_transaction_last_with_a_version_etag_that_the_audit_row_records()
    {
        var region = Towns.NewSlug("region");
        var admin = app.Client(StatusHubApp.AdminKey);
        using var created = await admin.Put($"/api/v1/regions/{region}", new { name = new { de = "Eins" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"v1\"", created.ETag());
        Assert.NotNull(await FindMarker(region));
        Assert.True(TownRows.IsDirty(await Row(region)));

        // The row is dirty (not rendered yet): a rename is one read and its transaction, nothing after it.
        var calls = app.Services.GetRequiredService<StorageCalls>();
        var before = calls.Snapshot();
        using var renamed = await admin.Put($"/api/v1/regions/{region}", new { name = new { de = "Zwei" } }, ("If-Match", created.ETag()));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(new StorageCallCount(TableReads: 1, TableWrites: 1, BlobReads: 0, BlobWrites: 0), calls.Snapshot() - before);
        Assert.Equal("\"v2\"", renamed.ETag());

        var audit = new List<TableEntity>();
        await foreach (var row in Storage.Regions.QueryAsync<TableEntity>(r => r.PartitionKey == RegionRepository.Partition))
        {
            if (row.RowKey.StartsWith($"a|{region}|", StringComparison.Ordinal))
            {
                audit.Add(row);
            }
        }

        Assert.Equal([2L, 1L], audit.Select(TownRows.ReadVersion));
        Assert.All(audit, row => Assert.Null(row.GetString("ETag")));
    }

    [Fact]
    public async Task A_rename_between_the_renderers_read_and_its_clear_keeps_the_marker_and_is_rendered_next()
    {
        var region = Towns.NewSlug("region");
        await Towns.CreateWithKey(app, profile: Towns.Profile(name: "Kreisstadt", region: region));
        await Render();
        await using var instance = CoreInstance.Create(app);
        var regions = instance.GetRequiredService<RegionRepository>();
        await regions.PutAsync(new RegionProfile(region, new LocalizedText { ["de"] = "Eins" }), Anyone, default);

        // The renderer reads the marker and the names; then a rename lands (the row is dirty: no marker write).
        var marker = (await FindMarker(region))!;
        var read = (await regions.ListStoredAsync(default))[region];
        var written = await regions.PutAsync(new RegionProfile(region, new LocalizedText { ["de"] = "Zwei" }), Anyone, default);
        Assert.Equal(marker.ETag, (await FindMarker(region))!.ETag);

        Assert.False(await regions.TryClearDirtyAsync(region, read.StoredETag, default));
        Assert.True(TownRows.IsDirty(await Row(region)));

        await Render();
        Assert.Contains("Zwei", await app.Client().GetStringAsync($"/regions/{region}/"), StringComparison.Ordinal);
        Assert.False(TownRows.IsDirty(await Row(region)));
        Assert.Null(await FindMarker(region));
        Assert.Equal(written.ETag, TownRows.VersionTag(await Row(region)));

        // The next rename finds the row clean and marks the region again; an If-Match of the version still holds after the clear.
        await regions.PutAsync(new RegionProfile(region, new LocalizedText { ["de"] = "Drei" }), new WriteContext(Anyone.Actor, written.ETag), default);
        Assert.NotNull(await FindMarker(region));
        await Render();
        Assert.Contains("Drei", await app.Client().GetStringAsync($"/regions/{region}/"), StringComparison.Ordinal);
        Assert.Null(await FindMarker(region));
    }

    [Fact]
    public async Task A_marker_whose_rename_never_committed_renders_the_region_unchanged_and_goes()
    {
        var region = Towns.NewSlug("region");
        await Towns.CreateWithKey(app, profile: Towns.Profile(name: "Kreisstadt", region: region));
        await using var instance = CoreInstance.Create(app);
        var regions = instance.GetRequiredService<RegionRepository>();
        await regions.PutAsync(new RegionProfile(region, new LocalizedText { ["de"] = "Eins" }), Anyone, default);
        await Render();
        Assert.Null(await FindMarker(region));

        // A rename whose If-Match loses after its marker was written: 412, the marker stays, the render shows "Eins".
        await Assert.ThrowsAsync<PreconditionFailedException>(() =>
            regions.PutAsync(new RegionProfile(region, new LocalizedText { ["de"] = "Zwei" }), new WriteContext(Anyone.Actor, "\"v7\""), default));
        await instance.GetRequiredService<RenderMarkers>().MarkRegionAsync(region, default);
        await Render();
        Assert.Contains("Eins", await app.Client().GetStringAsync($"/regions/{region}/"), StringComparison.Ordinal);
        Assert.Null(await FindMarker(region));
        Assert.False(TownRows.IsDirty(await Row(region)));
    }

    private async Task<TableEntity> Row(string region) =>
        (await Storage.Regions.GetEntityAsync<TableEntity>(RegionRepository.Partition, "r|" + region)).Value;

    private async Task<RenderMarker?> FindMarker(string region) =>
        (await app.Services.GetRequiredService<RenderMarkers>().ListDueAsync(DateTimeOffset.UtcNow, default))
            .SingleOrDefault(m => m.Region == region);

    private async Task Render()
    {
        await app.Client(StatusHubApp.AdminKey).PostAsync("/api/v1/render", null).Ok();
        await app.AfterRenderAsync();
    }
}
