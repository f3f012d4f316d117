using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Core.Domain;
using StatusHub.Core.Errors;
using StatusHub.Core.Storage;

namespace StatusHub.Api.Tests;

/// <summary>
/// docs/storage.md, "Shared incidents": the incident's marker (on a clean head) and its list row are written before the
/// head's transaction, which is the write's last storage request (so no fault after the commit can answer 503); the head
/// carries a version (the ETag, <c>"v{n}"</c>) and a dirty state the renderer clears on the head it rendered before it
/// deletes the marker, so a write during a render is rendered next tick.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class IncidentWriteTests(StatusHubApp app)
{
    private static readonly WriteContext Anyone = new(new Actor("test", "test", "admin"), null);

    private StatusHubStorage Storage => app.Services.GetRequiredService<StatusHubStorage>();

    private HttpClient Admin => app.Client(StatusHubApp.AdminKey);

    [Fact]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)] // Counts the storage calls of the host's own process.
    public async Task An_update_is_its_transaction_last_with_a_version_etag_that_the_audit_row_records()
    {
        var (town, _) = await Towns.CreateWithKey(app);
        var incident = Towns.NewSlug("inc");
        using var created = await Admin.Put($"/api/v1/incidents/{incident}", IncidentTests.Incident([town]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"v1\"", created.ETag());
        Assert.NotNull(await FindMarker(incident));
        Assert.True(TownRows.IsDirty(await Head(incident)));

        // The head is dirty (not rendered yet): an update is one read of the incident and its transaction, nothing after it.
        var calls = app.Services.GetRequiredService<StorageCalls>();
        var before = calls.Snapshot();
        using var added = await Admin.Post($"/api/v1/incidents/{incident}/updates", new { text = new { de = "Neu" } }, ("If-Match", created.ETag()));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(new StorageCallCount(TableReads: 1, TableWrites: 1, BlobReads: 0, BlobWrites: 0), calls.Snapshot() - before);
        Assert.Equal("\"v2\"", added.ETag());
        using var read = await app.Client().GetAsync($"/api/v1/incidents/{incident}");
        Assert.Equal("\"v2\"", read.ETag());

        var audit = new List<TableEntity>();
        await foreach (var row in Storage.Incidents.QueryAsync<TableEntity>(r => r.PartitionKey == incident))
        {
            if (row.RowKey.StartsWith("a|", StringComparison.Ordinal))
            {
                audit.Add(row);
            }
        }

        Assert.Equal([2L, 1L], audit.Select(TownRows.ReadVersion));
    }

    [Fact]
    public async Task A_write_between_the_renderers_read_and_its_clear_keeps_the_marker_and_is_rendered_next()
    {
        var (town, _) = await Towns.CreateWithKey(app);
        var incident = Towns.NewSlug("inc");
        await using var instance = CoreInstance.Create(app);
        var incidents = instance.GetRequiredService<IncidentRepository>();
        await Admin.Put($"/api/v1/incidents/{incident}", IncidentTests.Incident([town], title: "Eins")).Ok(HttpStatusCode.Created);

        // The renderer reads the marker and the incident; then a write lands (the head is dirty: no marker write).
        var marker = (await FindMarker(incident))!;
        var rendered = (await incidents.GetAsync(incident, default))!;
        await Admin.Put($"/api/v1/incidents/{incident}", IncidentTests.Incident([town], title: "Zwei")).Ok();
        Assert.Equal(marker.ETag, (await FindMarker(incident))!.ETag);

        Assert.False(await incidents.SettleRenderedAsync(incident, rendered, default));
        Assert.True(TownRows.IsDirty(await Head(incident)));

        await Render();
        Assert.Contains("Zwei", await app.Client().GetStringAsync($"/incidents/{incident}/"), StringComparison.Ordinal);
        Assert.False(TownRows.IsDirty(await Head(incident)));
        Assert.Null(await FindMarker(incident));

        // The next write finds the head clean and marks the incident again; an If-Match of the version holds after the clear.
        using var read = await app.Client().GetAsync($"/api/v1/incidents/{incident}");
        await Admin.Post($"/api/v1/incidents/{incident}/updates", new { text = new { de = "Nachtrag nach dem Rendern" } }, ("If-Match", read.ETag()))
            .Ok(HttpStatusCode.Created);
        Assert.NotNull(await FindMarker(incident));
        await Render();
        Assert.Contains("Nachtrag nach dem Rendern", await app.Client().GetStringAsync($"/{town}/status.json"), StringComparison.Ordinal);
        Assert.Null(await FindMarker(incident));
        Assert.Equal("Zwei", (await Listed(incident))!.GetString("Title__de"));
    }

    [Fact]
    public async Task A_create_that_never_committed_is_unlisted_by_the_render_and_a_lost_if_match_sets_the_list_row_back()
    {
        var (town, _) = await Towns.CreateWithKey(app);
        var incident = Towns.NewSlug("inc");
        await using var instance = CoreInstance.Create(app);
        var incidents = instance.GetRequiredService<IncidentRepository>();

        // As a create interrupted after its list row: the marker and the list row, no head.
        await instance.GetRequiredService<RenderMarkers>().MarkIncidentAsync(incident, default);
        await Storage.Incidents.UpsertEntityAsync(new TableEntity(IncidentRepository.ListPartition, incident) { ["Title__de"] = "Nie" });
        await Render();
        Assert.Null(await Listed(incident));
        Assert.Null(await FindMarker(incident));

        await Admin.Put($"/api/v1/incidents/{incident}", IncidentTests.Incident([town], title: "Eins")).Ok(HttpStatusCode.Created);
        await Render();
        await Assert.ThrowsAsync<PreconditionFailedException>(() => incidents.PutAsync(
            new IncidentDefinition(incident, new LocalizedText { ["de"] = "Verloren" }, new LocalizedText(), [town], DateTimeOffset.UtcNow, null, null),
            new WriteContext(Anyone.Actor, "\"v7\""), _ => true, default));
        Assert.Equal("Eins", (await Listed(incident))!.GetString("Title__de"));
        var listed = await app.Client().GetAsync("/api/v1/incidents").Ok();
        Assert.Contains(listed["incidents"]!.AsArray(), i => i!["id"]!.GetValue<string>() == incident);
    }

    private async Task<TableEntity> Head(string incident) => (await Storage.Incidents.GetEntityAsync<TableEntity>(incident, "d|incident")).Value;

    private async Task<TableEntity?> Listed(string incident)
    {
        var row = await Storage.Incidents.GetEntityIfExistsAsync<TableEntity>(IncidentRepository.ListPartition, incident);
        return row.HasValue ? row.Value : null;
    }

    private async Task<RenderMarker?> FindMarker(string incident) =>
        (await app.Services.GetRequiredService<RenderMarkers>().ListDueAsync(DateTimeOffset.UtcNow, default))
            .SingleOrDefault(m => m.Incident == incident);

    private async Task Render()
    {
        await Admin.PostAsync("/api/v1/render", null).Ok();
        await app.AfterRenderAsync();
    }
}
