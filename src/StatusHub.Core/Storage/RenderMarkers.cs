using Azure;
using Azure.Data.Tables;
using StatusHub.Core.Domain;

namespace StatusHub.Core.Storage;

/// <summary>A town to render, with the ETag of its marker as read and when it is due (now for a write, later for a scheduled render).</summary>
public sealed record RenderMarker(string Town, ETag ETag, DateTimeOffset? DueAt)
{
    /// <summary>The region whose display name changed, for a region marker (row <c>region|{region}</c>); null for a town's.</summary>
    public string? Region => Town.StartsWith(RenderMarkers.RegionPrefix, StringComparison.Ordinal) ? Town[RenderMarkers.RegionPrefix.Length..] : null;

    /// <summary>The shared incident that changed, for an incident marker (row <c>incident|{incident}</c>); null otherwise.</summary>
    public string? Incident => Town.StartsWith(RenderMarkers.IncidentPrefix, StringComparison.Ordinal) ? Town[RenderMarkers.IncidentPrefix.Length..] : null;

    /// <summary>True for a town's own marker (neither a region's nor an incident's).</summary>
    public bool IsTown => Region is null && Incident is null;
}

/// <summary>
/// The render queue in <see cref="StatusHubStorage.RenderTable"/>: one marker row per changed town, one per region
/// whose display name changed (row key <c>region|{region}</c>, which no town slug can be) and one per changed shared
/// incident (<c>incident|{incident}</c>: one row however many member towns it has; the render expands it). All live in
/// one partition, so a tick still finds all its work, or that there is none, with one query.
/// </summary>
public sealed class RenderMarkers(StatusHubStorage storage, TimeProvider time)
{
    public const string Partition = "town";

    /// <summary>The row key prefix of a region marker; '|' is never part of a slug.</summary>
    public const string RegionPrefix = "region|";

    /// <summary>The row key prefix of a shared incident's marker.</summary>
    public const string IncidentPrefix = "incident|";

    /// <summary>All markers, scheduled ones included.</summary>
    public Task<IReadOnlyList<RenderMarker>> ListAsync(CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken);

    /// <summary>
    /// The markers due at <paramref name="now"/>: the one table query of a tick with nothing to do. Filtering on
    /// DueAt in the query keeps it one request however many renders are scheduled for later.
    /// </summary>
    public Task<IReadOnlyList<RenderMarker>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and DueAt le {now}"), cancellationToken);

    private Task<IReadOnlyList<RenderMarker>> QueryAsync(string filter, CancellationToken cancellationToken) =>
        storage.RunAsync<IReadOnlyList<RenderMarker>>(async token =>
        {
            var markers = new List<RenderMarker>();
            var query = storage.RenderQueue.QueryAsync<TableEntity>(filter, select: ["RowKey", "DueAt"], cancellationToken: token);
            await foreach (var row in query.ConfigureAwait(false))
            {
                markers.Add(new RenderMarker(row.RowKey, row.ETag, row.GetDateTimeOffset("DueAt")));
            }

            return markers;
        }, cancellationToken);

    /// <summary>
    /// Schedules a render of <paramref name="town"/> at <paramref name="dueAt"/> (when its page turns stale) unless a
    /// marker already exists: an insert, so it never replaces the due-now marker of a concurrent write.
    /// </summary>
    public Task ScheduleAsync(string town, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            try
            {
                await storage.RenderQueue.AddEntityAsync(new TableEntity(Partition, town) { ["DueAt"] = dueAt }, token).ConfigureAwait(false);
            }
            catch (RequestFailedException failed) when (failed.Status == 409)
            {
                // A marker exists: the town is rendered then, and scheduled again after that render.
            }
        }, cancellationToken);

    /// <summary>
    /// Marks a region whose display name changed, due now: the next tick renders its outputs and the site index. Upserted
    /// after the name is committed, so a render that read the marker earlier fails to delete it and renders again.
    /// </summary>
    public Task MarkRegionAsync(string region, CancellationToken cancellationToken) =>
        storage.RunAsync(
            token => storage.RenderQueue.UpsertEntityAsync(
                new TableEntity(Partition, RegionPrefix + region) { ["DueAt"] = time.GetUtcNow() }, TableUpdateMode.Replace, token),
            cancellationToken);

    /// <summary>
    /// Marks a shared incident that changed, due now: the next tick re-renders each of its member towns once and its page.
    /// Upserted after the incident is committed, as a town's marker is.
    /// </summary>
    public Task MarkIncidentAsync(string incident, CancellationToken cancellationToken) =>
        MarkAsync(IncidentPrefix + incident, cancellationToken);

    /// <summary>Marks a town due now (a town that left a shared incident: its page must drop it).</summary>
    public Task MarkTownAsync(string town, CancellationToken cancellationToken) => MarkAsync(town, cancellationToken);

    private Task MarkAsync(string row, CancellationToken cancellationToken) =>
        storage.RunAsync(
            token => storage.RenderQueue.UpsertEntityAsync(
                new TableEntity(Partition, row) { ["DueAt"] = time.GetUtcNow() }, TableUpdateMode.Replace, token),
            cancellationToken);

    /// <summary>
    /// Ends a rendered town's marker: first the town's dirty state is cleared, a merge conditional on the head's Table ETag
    /// the render read (<see cref="TownSnapshot.StoredETag"/>), then the marker is deleted with the ETag it was read with.
    /// False, keeping the marker for the next tick, when a write committed after that read (the clear fails with 412), when
    /// a write marked the town again (the delete fails), or when the town was not rendered (<paramref name="rendered"/> null).
    /// The order matters: a marker deleted before the clear could leave a dirty head without a marker, and every later
    /// write, finding the head dirty, would write none (docs/storage.md, "Interleavings").
    /// </summary>
    public async Task<bool> TryClearRenderedAsync(RenderMarker marker, TownSnapshot? rendered, CancellationToken cancellationToken) =>
        rendered is not null && rendered.Profile.Slug == marker.Town
        && await TryClearDirtyAsync(rendered, cancellationToken).ConfigureAwait(false)
        && await TryClearAsync(marker, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Clears the town's dirty state if its head is still the one <paramref name="rendered"/> was read from (a merge
    /// conditional on <see cref="TownSnapshot.StoredETag"/>); false when a write committed since (412) or the town is gone.
    /// The town's version, and so the ETag its clients hold, stays as it is.
    /// </summary>
    public Task<bool> TryClearDirtyAsync(TownSnapshot rendered, CancellationToken cancellationToken) =>
        // 412: a write committed after the render read the head; it keeps its marker and is rendered next tick.
        // 404: the town is gone; the next tick finds its marker an orphan.
        storage.RunAsync(
            token => DirtyFlag.TryClearAsync(storage.Towns, rendered.Profile.Slug, TownRows.Head, rendered.StoredETag, token),
            cancellationToken);

    /// <summary>
    /// Deletes the marker only if it is unchanged since it was read; false when a write landed during the
    /// render (the marker stays and the town is rendered again next tick).
    /// </summary>
    public Task<bool> TryClearAsync(RenderMarker marker, CancellationToken cancellationToken) =>
        storage.TryDeleteUnchangedAsync(storage.RenderQueue, Partition, marker.Town, marker.ETag, cancellationToken);
}
