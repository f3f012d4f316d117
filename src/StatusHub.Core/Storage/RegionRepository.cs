using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using StatusHub.Core.Domain;
using StatusHub.Core.Errors;

namespace StatusHub.Core.Storage;

/// <summary>
/// Regions' display names in <see cref="StatusHubStorage.RegionsTable"/>, all in partition <see cref="Partition"/>: one
/// row <c>r|{region}</c> per named region (the name one property per language, <c>Name__de</c>) and the audit trail of
/// those writes, <c>a|{region}|{inverted ticks}|{guid}</c>. A write is one entity-group transaction of the name row
/// (conditional on the ETag read, so the region's ETag is the row's and concurrent writers cannot both win) and its
/// audit row; then the region's render marker is upserted. Every name is one range query of a partition that holds one
/// row per region, however many towns the hub has.
/// </summary>
public sealed class RegionRepository(StatusHubStorage storage, RenderMarkers markers, TimeProvider time, ILogger<RegionRepository> logger)
{
    public const string Partition = "region";

    private const string RowPrefix = "r|";
    private const string RowsTo = "r}";
    private const string AuditPrefix = "a|";
    private const int MaxContentionAttempts = 5;

    /// <summary>Every named region, by slug.</summary>
    public Task<IReadOnlyDictionary<string, RegionProfile>> ListAsync(CancellationToken cancellationToken) =>
        storage.RunAsync<IReadOnlyDictionary<string, RegionProfile>>(async token =>
        {
            var regions = new Dictionary<string, RegionProfile>(StringComparer.Ordinal);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {RowPrefix} and RowKey lt {RowsTo}");
            await foreach (var row in storage.Regions.QueryAsync<TableEntity>(filter, cancellationToken: token).ConfigureAwait(false))
            {
                var profile = Read(row);
                regions[profile.Slug] = profile;
            }

            return regions;
        }, cancellationToken);

    /// <summary>The region's name, or <see cref="RegionProfile.Unnamed"/> when no admin gave it one.</summary>
    public async Task<RegionProfile> GetAsync(string region, CancellationToken cancellationToken) =>
        await ReadRowAsync(region, cancellationToken).ConfigureAwait(false) is { } row ? Read(row) : RegionProfile.Unnamed(region);

    /// <summary>
    /// Creates or replaces a region's display name. With <see cref="WriteContext.IfMatch"/> the stored row must have that
    /// ETag (<c>*</c>: any), and a region without a name has none (412).
    /// </summary>
    public async Task<Written<(RegionProfile Region, bool Created)>> PutAsync(RegionProfile region, WriteContext context, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxContentionAttempts; attempt++)
        {
            var stored = await ReadRowAsync(region.Slug, cancellationToken).ConfigureAwait(false);
            if (context.IfMatch is { } ifMatch && (stored is null || !EntityTags.Matches(ifMatch, stored.ETag.ToString())))
            {
                throw new PreconditionFailedException(stored?.ETag.ToString() ?? "");
            }

            var now = time.GetUtcNow();
            var created = stored is null;
            var row = Entity(region, created ? now : stored!.GetDateTimeOffset("CreatedAt") ?? now, now);
            TableTransactionAction[] actions =
            [
                created ? new(TableTransactionActionType.Add, row) : new(TableTransactionActionType.UpdateReplace, row, stored!.ETag),
                new(TableTransactionActionType.Add, AuditEntity(region.Slug, context.Actor, created ? "region.create" : "region.put", now)),
            ];
            try
            {
                // The audit row's key is this write's own: a retry of an attempt that committed is recognised as that commit.
                var responses = await storage.SubmitOnceAsync(storage.Regions, actions, (TableEntity)actions[1].Entity, cancellationToken)
                    .ConfigureAwait(false);
                var etag = responses?[0].Headers.ETag?.ToString()
                    ?? (await ReadRowAsync(region.Slug, cancellationToken).ConfigureAwait(false))?.ETag.ToString() ?? "";
                await Task.WhenAll(
                    markers.MarkRegionAsync(region.Slug, cancellationToken),
                    RecordAuditETagAsync(actions[1].Entity.RowKey, etag, cancellationToken)).ConfigureAwait(false);
                logger.LogInformation("Region {Region} {Operation} by key {KeyId}", region.Slug, created ? "named" : "renamed", context.Actor.KeyId);
                return new Written<(RegionProfile, bool)>((region, created), etag);
            }
            catch (TableTransactionFailedException failed) when (failed.FailedTransactionActionIndex == 0 && failed.Status is 409 or 412)
            {
                // Another request named or renamed the region in between: with the caller's If-Match that is its 412;
                // without, read again and go round.
                if (context.IfMatch is not null)
                {
                    throw new PreconditionFailedException("");
                }

                logger.LogInformation("Concurrent write on region {Region}; attempt {Attempt} re-reads and retries", region.Slug, attempt);
            }
        }

        throw new StorageUnavailableException(TimeSpan.FromSeconds(1),
            new InvalidOperationException($"Region {region.Slug} kept changing during {MaxContentionAttempts} attempts."));
    }

    /// <summary>As for towns: the new ETag exists only after the commit, so it is merged into the audit row after it; best effort.</summary>
    private async Task RecordAuditETagAsync(string auditRowKey, string etag, CancellationToken cancellationToken)
    {
        try
        {
            await storage.RunAsync(
                token => storage.Regions.UpdateEntityAsync(new TableEntity(Partition, auditRowKey) { ["ETag"] = etag }, ETag.All, TableUpdateMode.Merge, token),
                cancellationToken).ConfigureAwait(false);
        }
        catch (StorageUnavailableException unavailable)
        {
            logger.LogWarning("Audit row {Row} of the regions keeps no ETag: {Cause}", auditRowKey, unavailable.InnerException?.GetType().Name);
        }
    }

    private Task<TableEntity?> ReadRowAsync(string region, CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            var response = await storage.Regions.GetEntityIfExistsAsync<TableEntity>(Partition, RowPrefix + region, cancellationToken: token)
                .ConfigureAwait(false);
            return response.HasValue ? response.Value : null;
        }, cancellationToken);

    private static TableEntity Entity(RegionProfile region, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        var entity = new TableEntity(Partition, RowPrefix + region.Slug)
        {
            ["CreatedAt"] = createdAt,
            ["UpdatedAt"] = updatedAt,
        };
        TownRows.WriteText(entity, "Name", region.Name);
        return entity;
    }

    private static RegionProfile Read(TableEntity row) => new(row.RowKey[RowPrefix.Length..], TownRows.ReadText(row, "Name"));

    // Newest first within a region, as in a town's audit trail.
    private static TableEntity AuditEntity(string region, Actor actor, string operation, DateTimeOffset at) =>
        TownRows.AuditEntity(
            Partition,
            $"{AuditPrefix}{region}|{(DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)}|{Guid.NewGuid():N}",
            actor, operation, $"regions/{region}", at);
}
