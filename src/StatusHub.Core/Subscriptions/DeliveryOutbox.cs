using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using StatusHub.Core.Storage;

namespace StatusHub.Core.Subscriptions;

/// <summary>A town whose published document awaits delivery, with the ETag of its outbox row as read.</summary>
public sealed record PendingDelivery(string Town, string Region, DateTimeOffset PublishedAt, ETag ETag);

/// <summary>
/// The delivery outbox in <see cref="StatusHubStorage.DeliveriesTable"/>: one row per town whose <c>status.json</c> was
/// published with new content, coalesced (a second change before delivery overwrites the row). The row carries the
/// document itself, as the render job published it (binary properties of at most 64 KiB each; a <c>status.json</c> is at
/// most <see cref="Documents.DocumentBudget.MaxBytes"/>, so the row stays well below the 1 MiB entity limit): the
/// dispatcher sends exactly what was published and never reads <c>$web</c>. Rows are written only for regions with an active subscription; that
/// is known from a per-region cache (<see cref="CacheDuration"/>), so a render costs at most one extra query per
/// rendered region, and an idle render none.
/// </summary>
public sealed class DeliveryOutbox(StatusHubStorage storage, SubscriptionStore subscriptions, IMemoryCache cache, DeliverySignal signal, TimeProvider time, ILogger<DeliveryOutbox> logger)
{
    public const string Partition = "town";

    /// <summary>How long a region's "has active subscriptions" answer is reused by the render job.</summary>
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(15);

    // A binary property holds at most 64 KiB; an entity at most 1 MiB (15 of these and the other columns).
    private const int ChunkBytes = 64 * 1024;
    private const int MaxChunks = 15;

    private readonly Lock _gate = new();

    /// <summary>Called by the render job after it uploaded a changed <c>{town}/status.json</c>, with its bytes.</summary>
    public async Task TownPublishedAsync(string region, string town, byte[] document, CancellationToken cancellationToken)
    {
        if (document.Length > ChunkBytes * MaxChunks)
        {
            throw new ArgumentException($"A status.json of {document.Length} bytes does not fit an outbox row.", nameof(document));
        }

        if (!await HasActiveSubscriptionsAsync(region).WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var row = new TableEntity(Partition, town) { ["Region"] = region, ["PublishedAt"] = time.GetUtcNow() };
        var chunks = 0;
        for (var at = 0; at < document.Length; at += ChunkBytes, chunks++)
        {
            row["Document" + chunks.ToString(CultureInfo.InvariantCulture)] = document.AsSpan(at, Math.Min(ChunkBytes, document.Length - at)).ToArray();
        }

        row["Chunks"] = chunks;
        await storage.RunAsync(token => storage.Deliveries.UpsertEntityAsync(row, TableUpdateMode.Replace, token), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Town {Town} of region {Region} changed: delivery to its subscribers queued", town, region);
        signal.Notify();
    }

    /// <summary>Forgets the cached answer for <paramref name="region"/> (after a subscription was added, removed or disabled here).</summary>
    public void Invalidate(string region)
    {
        lock (_gate)
        {
            cache.Remove(CacheKey(region));
        }
    }

    /// <summary>Every pending delivery (one query of the rows' small columns; the documents are read one at a time).</summary>
    public Task<IReadOnlyList<PendingDelivery>> ListAsync(CancellationToken cancellationToken) =>
        storage.RunAsync<IReadOnlyList<PendingDelivery>>(async token =>
        {
            var pending = new List<PendingDelivery>();
            var query = storage.Deliveries.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), select: ["RowKey", "Region", "PublishedAt"], cancellationToken: token);
            await foreach (var row in query.ConfigureAwait(false))
            {
                pending.Add(new PendingDelivery(row.RowKey, row.GetString("Region") ?? "", row.GetDateTimeOffset("PublishedAt") ?? DateTimeOffset.UnixEpoch, row.ETag));
            }

            return pending;
        }, cancellationToken);

    /// <summary>
    /// The <c>status.json</c> the render job published for the pending town (one point read), or null when its row is
    /// gone. A change since the row was listed gives the newer document (its row's new ETag keeps it for the next run too).
    /// </summary>
    public Task<byte[]?> ReadDocumentAsync(PendingDelivery delivery, CancellationToken cancellationToken) =>
        storage.RunAsync<byte[]?>(async token =>
        {
            var found = await storage.Deliveries.GetEntityIfExistsAsync<TableEntity>(Partition, delivery.Town, cancellationToken: token).ConfigureAwait(false);
            if (!found.HasValue || found.Value!.GetInt32("Chunks") is not { } chunks)
            {
                return null;
            }

            using var document = new MemoryStream();
            for (var i = 0; i < chunks; i++)
            {
                document.Write(found.Value.GetBinary("Document" + i.ToString(CultureInfo.InvariantCulture)));
            }

            return document.ToArray();
        }, cancellationToken);

    /// <summary>Removes the row if unchanged since it was read; false when the town changed again meanwhile (delivered next run).</summary>
    public Task<bool> TryRemoveAsync(PendingDelivery delivery, CancellationToken cancellationToken) =>
        storage.TryDeleteUnchangedAsync(storage.Deliveries, Partition, delivery.Town, delivery.ETag, cancellationToken);

    // The task itself is cached, so towns of one region rendered in parallel share one query; a failed lookup is not kept.
    private Task<bool> HasActiveSubscriptionsAsync(string region)
    {
        lock (_gate)
        {
            if (cache.TryGetValue(CacheKey(region), out Task<bool>? known) && known is { IsFaulted: false, IsCanceled: false })
            {
                return known;
            }

            var loading = LoadAsync(region);
            cache.Set(CacheKey(region), loading, CacheDuration);
            return loading;
        }
    }

    private async Task<bool> LoadAsync(string region) =>
        (await subscriptions.ListAsync(region, CancellationToken.None).ConfigureAwait(false)).Any(s => !s.Disabled);

    private static string CacheKey(string region) => "subscriptions-active:" + region;
}

/// <summary>Wakes the local server's delivery worker when the render job queued a delivery (in-process only).</summary>
public sealed class DeliverySignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every queued delivery.
        }
    }

    /// <summary>Waits until notified or <paramref name="timeout"/> passed; true when notified.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _pending.Dispose();
}
