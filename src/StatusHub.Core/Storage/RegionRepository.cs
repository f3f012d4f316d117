using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using StatusHub.Core.Domain;
using StatusHub.Core.Errors;

namespace StatusHub.Core.Storage;

/// <summary>
/// Regions' display names in <see cref="StatusHubStorage.RegionsTable"/>, all in partition <see cref="Partition"/>: one
/// row <c>r|{region}</c> per named region (the name one property per language, <c>Name__de</c>, and as a town's head
/// <see cref="TownRows.VersionColumn"/> and <see cref="TownRows.DirtyColumn"/>) and the audit trail of those writes,
/// <c>a|{region}|{inverted ticks}|{guid}</c>. A write on a clean (or new) row upserts the region's render marker first,
/// then commits one entity-group transaction of the name row (version + 1, dirty; conditional on the Table ETag read, so
/// concurrent writers cannot both win) and its audit row with that version: nothing follows the commit. The region's ETag
/// is its version, <c>"v{n}"</c>, which the renderer's clearing of the dirty state leaves as it is. Every name is one
/// range query of a partition that holds one row per region, however many towns the hub has.
/// </summary>
public sealed class RegionRepository(StatusHubStorage storage, RenderMarkers markers, TimeProvider time, ILogger<RegionRepository> logger)
{
    public const string Partition = "region";

    private const string RowPrefix = "r|";
    private const string RowsTo = "r}";
    private const string AuditPrefix = "a|";
    private const int MaxContentionAttempts = 5;

    /// <summary>Every named region, by slug.</summary>
    public async Task<IReadOnlyDictionary<string, RegionProfile>> ListAsync(CancellationToken cancellationToken) =>
        (await ListStoredAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Key, r => r.Value.Region, StringComparer.Ordinal);

    /// <summary>Every named region, by slug, with its row's Table ETag as read (for the renderer's <see cref="TryClearDirtyAsync"/>).</summary>
    public Task<IReadOnlyDictionary<string, StoredRegion>> ListStoredAsync(CancellationToken cancellationToken) =>
        storage.RunAsync<IReadOnlyDictionary<string, StoredRegion>>(async token =>
        {
            var regions = new Dictionary<string, StoredRegion>(StringComparer.Ordinal);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {RowPrefix} and RowKey lt {RowsTo}");
            await foreach (var row in storage.Regions.QueryAsync<TableEntity>(filter, cancellationToken: token).ConfigureAwait(false))
            {
                var profile = Read(row);
                regions[profile.Slug] = new StoredRegion(profile, row.ETag.ToString());
            }

            return regions;
        }, cancellationToken);

    /// <summary>
    /// Clears the region row's dirty state if the row is still the one the render read (a merge conditional on
    /// <paramref name="storedETag"/>, its Table ETag); false when a write committed since (412), so the region keeps its
    /// marker and is rendered again next tick. True for a region without a row (a marker whose write never committed).
    /// The region's version, and so the ETag its clients hold, stays as it is.
    /// </summary>
    public Task<bool> TryClearDirtyAsync(string region, string? storedETag, CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            if (storedETag is null)
            {
                // No row when the render read the names: one created since must keep its marker.
                return !(await storage.Regions.GetEntityIfExistsAsync<TableEntity>(Partition, RowPrefix + region, ["RowKey"], token)
                    .ConfigureAwait(false)).HasValue;
            }

            return await DirtyFlag.TryClearAsync(storage.Regions, Partition, RowPrefix + region, storedETag, token).ConfigureAwait(false);
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
            if (context.IfMatch is { } ifMatch && (stored is null || !EntityTags.Matches(ifMatch, TownRows.VersionTag(stored))))
            {
                throw new PreconditionFailedException(stored is null ? "" : TownRows.VersionTag(stored));
            }

            // A clean (or new) row has no marker the renderer has not deleted: the marker goes first, before the commit.
            if (stored is null || !TownRows.IsDirty(stored))
            {
                await markers.MarkRegionAsync(region.Slug, cancellationToken).ConfigureAwait(false);
            }

            var now = time.GetUtcNow();
            var created = stored is null;
            var version = (stored is null ? 0 : TownRows.ReadVersion(stored)) + 1;
            var row = Entity(region, created ? now : stored!.GetDateTimeOffset("CreatedAt") ?? now, now);
            TownRows.Advance(row, version);
            var audit = AuditEntity(region.Slug, context.Actor, created ? "region.create" : "region.put", now);
            audit[TownRows.VersionColumn] = version;
            TableTransactionAction[] actions =
            [
                created ? new(TableTransactionActionType.Add, row) : new(TableTransactionActionType.UpdateReplace, row, stored!.ETag),
                new(TableTransactionActionType.Add, audit),
            ];
            try
            {
                // The audit row's key is this write's own: a retry of an attempt that committed is recognised as that commit.
                // Nothing follows the commit: the marker is written, and the audit row holds the version.
                await storage.SubmitOnceAsync(storage.Regions, actions, audit, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Region {Region} {Operation} by key {KeyId}", region.Slug, created ? "named" : "renamed", context.Actor.KeyId);
                return new Written<(RegionProfile, bool)>((region, created), TownRows.VersionTag(version));
            }
            catch (TableTransactionFailedException failed) when (failed.FailedTransactionActionIndex == 0 && failed.Status is 409 or 412)
            {
                // Another request named or renamed the region in between, or the renderer cleared its dirty state: read
                // again and go round. A caller's If-Match is judged against the version read then, so a clear (which keeps
                // the version) is no 412, and a concurrent write (which moved it) is.
                logger.LogInformation("Concurrent write on region {Region}; attempt {Attempt} re-reads and retries", region.Slug, attempt);
            }
        }

        throw new StorageUnavailableException(TimeSpan.FromSeconds(1),
            new InvalidOperationException($"Region {region.Slug} kept changing during {MaxContentionAttempts} attempts."));
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

/// <summary>A region's name as stored, with its row's Table ETag as read (not the region's ETag, which is its version).</summary>
public sealed record StoredRegion(RegionProfile Region, string StoredETag);
