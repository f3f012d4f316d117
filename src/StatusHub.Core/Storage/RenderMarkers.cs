using Azure;
using Azure.Data.Tables;

namespace StatusHub.Core.Storage;

/// <summary>A town changed since its last render, with the ETag of its marker as read.</summary>
public sealed record RenderMarker(string Town, ETag ETag);

/// <summary>The render queue in <see cref="StatusHubStorage.RenderTable"/>: one marker row per changed town.</summary>
public sealed class RenderMarkers(StatusHubStorage storage)
{
    public const string Partition = "town";

    /// <summary>All markers: the one table query of a tick with nothing to do.</summary>
    public Task<IReadOnlyList<RenderMarker>> ListAsync(CancellationToken cancellationToken) =>
        storage.RunAsync<IReadOnlyList<RenderMarker>>(async token =>
        {
            var markers = new List<RenderMarker>();
            var query = storage.RenderQueue.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), select: ["RowKey"], cancellationToken: token);
            await foreach (var row in query.ConfigureAwait(false))
            {
                markers.Add(new RenderMarker(row.RowKey, row.ETag));
            }

            return markers;
        }, cancellationToken);

    /// <summary>
    /// Deletes the marker only if it is unchanged since it was read; false when a write landed during the
    /// render (the marker stays and the town is rendered again next tick).
    /// </summary>
    public Task<bool> TryClearAsync(RenderMarker marker, CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            try
            {
                await storage.RenderQueue.DeleteEntityAsync(Partition, marker.Town, marker.ETag, token).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException failed) when (failed.Status == 412)
            {
                return false;
            }
        }, cancellationToken);
}
