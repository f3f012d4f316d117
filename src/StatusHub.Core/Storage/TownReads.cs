using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using StatusHub.Core.Domain;

namespace StatusHub.Core.Storage;

/// <summary>
/// The reads of towns in <see cref="StatusHubStorage.TownsTable"/>: a town's document (one range query of its <c>d|</c>
/// rows), its head row (a point read), the town list (the head rows' listed columns), and many towns at once. Holds no
/// state; changes when the way a town is stored or read changes.
/// </summary>
internal sealed partial class TownReads(StatusHubStorage storage, ILogger logger)
{
    public async Task<TownSnapshot?> GetAsync(string town, CancellationToken cancellationToken)
    {
        var rows = await ReadDocumentRowsAsync(town, cancellationToken).ConfigureAwait(false);
        return rows is null ? null : ToSnapshot(rows.Value.Head, rows.Value.Rows);
    }

    public Task<IReadOnlyList<TownListItem>> ListAsync(CancellationToken cancellationToken) =>
        storage.RunAsync<IReadOnlyList<TownListItem>>(async token =>
        {
            var items = new List<TownListItem>();
            var query = storage.Towns.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"RowKey eq {TownRows.Head}"),
                select: ["PartitionKey", "Name", "Region", "Level", "AsOf"],
                cancellationToken: token);
            await foreach (var head in query.ConfigureAwait(false))
            {
                try
                {
                    items.Add(new TownListItem(
                        head.PartitionKey,
                        head.GetString("Name") ?? head.PartitionKey,
                        head.GetString("Region") ?? "",
                        EnumNames.TryParseLevel(head.GetString("Level"), out var level) ? level : TownLevel.Normal,
                        head.GetDateTimeOffset("AsOf")));
                }
                catch (InvalidOperationException unreadable)
                {
                    // A row another tool wrote with a wrong column type: one town must not take every list down.
                    UnreadableTown(logger, head.PartitionKey, unreadable);
                }
            }

            return items.OrderBy(i => i.Region, StringComparer.Ordinal).ThenBy(i => i.Slug, StringComparer.Ordinal).ToList();
        }, cancellationToken);

    public async Task<TownProfile?> GetProfileAsync(string town, CancellationToken cancellationToken) =>
        await ReadHeadAsync(town, cancellationToken).ConfigureAwait(false) is { } head ? TownRows.ReadProfile(head) : null;

    /// <summary>Every town of a region, read in parallel (one partition query each).</summary>
    public async Task<IReadOnlyList<TownSnapshot>> GetRegionAsync(string region, CancellationToken cancellationToken)
    {
        var members = (await ListAsync(cancellationToken).ConfigureAwait(false)).Where(t => t.Region == region).ToList();
        return await GetManyAsync(members.Select(m => m.Slug), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The snapshots of the given towns that exist, read with bounded parallelism.</summary>
    public async Task<IReadOnlyList<TownSnapshot>> GetManyAsync(IEnumerable<string> slugs, CancellationToken cancellationToken)
    {
        var snapshots = new System.Collections.Concurrent.ConcurrentBag<TownSnapshot>();
        await Parallel.ForEachAsync(slugs, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (slug, token) =>
        {
            try
            {
                if (await GetAsync(slug, token).ConfigureAwait(false) is { } snapshot)
                {
                    snapshots.Add(snapshot);
                }
            }
            catch (InvalidOperationException unreadable)
            {
                UnreadableTown(logger, slug, unreadable);
            }
        }).ConfigureAwait(false);
        return snapshots.OrderBy(s => s.Profile.Slug, StringComparer.Ordinal).ToList();
    }

    public Task<TableEntity?> ReadHeadAsync(string town, CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            var response = await storage.Towns.GetEntityIfExistsAsync<TableEntity>(town, TownRows.Head, cancellationToken: token)
                .ConfigureAwait(false);
            return response.HasValue ? response.Value : null;
        }, cancellationToken);

    public Task<(TableEntity Head, IReadOnlyList<TableEntity> Rows)?> ReadDocumentRowsAsync(string town, CancellationToken cancellationToken) =>
        storage.RunAsync<(TableEntity, IReadOnlyList<TableEntity>)?>(async token =>
        {
            var rows = new List<TableEntity>();
            TableEntity? head = null;
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {town} and RowKey ge {TownRows.DocumentFrom} and RowKey lt {TownRows.DocumentTo}");
            await foreach (var row in storage.Towns.QueryAsync<TableEntity>(filter, cancellationToken: token).ConfigureAwait(false))
            {
                if (row.RowKey == TownRows.Head)
                {
                    head = row;
                }
                else
                {
                    rows.Add(row);
                }
            }

            return head is null ? null : (head, rows);
        }, cancellationToken);

    private static TownSnapshot ToSnapshot(TableEntity head, IReadOnlyList<TableEntity> rows)
    {
        var services = new List<ServiceEntry>();
        var qa = new List<QaItem>();
        var updates = new List<TimelineUpdate>();
        var offers = new List<AidOffer>();
        var accepted = new List<AidAcceptance>();
        var incidents = new List<string>();
        foreach (var row in rows)
        {
            if (row.RowKey.StartsWith(TownRows.IncidentPrefix, StringComparison.Ordinal))
            {
                if (row.GetBoolean("Member") == true)
                {
                    incidents.Add(row.RowKey[TownRows.IncidentPrefix.Length..]);
                }

                continue;
            }

            if (row.RowKey.StartsWith(TownRows.ServicePrefix, StringComparison.Ordinal))
            {
                services.Add(TownRows.ReadService(row));
            }
            else if (row.RowKey.StartsWith(TownRows.QaPrefix, StringComparison.Ordinal))
            {
                qa.Add(TownRows.ReadQa(row)); // row keys are zero-padded indexes, so the query returns them in order
            }
            else if (row.RowKey.StartsWith(TownRows.UpdatePrefix, StringComparison.Ordinal))
            {
                updates.Add(TownRows.ReadUpdate(row));
            }
            else if (row.RowKey.StartsWith(TownRows.AidPrefix, StringComparison.Ordinal))
            {
                offers.Add(TownRows.ReadAid(row));
            }
            else if (row.RowKey.StartsWith(TownRows.AcceptedAidPrefix, StringComparison.Ordinal))
            {
                accepted.Add(TownRows.ReadAcceptedAid(row));
            }
        }

        return new TownSnapshot(
            TownRows.ReadProfile(head),
            TownRows.ReadStatus(head),
            TownRows.OrderServices(services, TownRows.ReadServiceOrder(head)),
            qa,
            updates.OrderByDescending(u => u.At).ThenByDescending(u => u.Id, StringComparer.Ordinal).ToList(),
            offers,
            head.GetDateTimeOffset("UpdatedAt") ?? head.Timestamp ?? DateTimeOffset.UnixEpoch,
            TownRows.VersionTag(head))
        {
            StoredETag = head.ETag.ToString(),
            AcceptedAid = accepted,
            IncidentIds = incidents,
        };
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Town {Town} has an unreadable row and is left out of lists and region outputs until it is repaired")]
    private static partial void UnreadableTown(ILogger logger, string town, Exception error);
}
