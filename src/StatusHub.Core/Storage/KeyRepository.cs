using Azure;
using Azure.Data.Tables;
using StatusHub.Core.Errors;

namespace StatusHub.Core.Storage;

/// <summary>A stored API key: metadata and the SHA-256 hash of its secret.</summary>
public sealed record StoredKey(
    string Id,
    KeyScope Scope,
    string? Town,
    string? Region,
    string Label,
    string SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>The towns of a provider key (empty for every other scope).</summary>
    public IReadOnlyList<string> Towns { get; init; } = [];
}

/// <summary>
/// API keys in <see cref="StatusHubStorage.KeysTable"/>, one row per key in a single partition. A provider key's towns are
/// one comma-separated column, split over <c>Towns</c>, <c>Towns1</c>, … when longer than a table property may be.
/// </summary>
public sealed class KeyRepository(StatusHubStorage storage)
{
    private const string Partition = "key";

    /// <summary>
    /// Stores a new key; returns its row's ETag. An insert repeated by the storage pipeline after an attempt that committed
    /// finds its own row (same id and secret hash) and succeeds (<see cref="StatusHubStorage.InsertOnceAsync"/>).
    /// </summary>
    public Task<string> CreateAsync(StoredKey key, CancellationToken cancellationToken) =>
        storage.InsertOnceAsync(storage.Keys, ToEntity(key), cancellationToken);

    public Task<StoredKey?> FindAsync(string id, CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            var response = await storage.Keys.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: token).ConfigureAwait(false);
            return response.HasValue && response.Value is { } entity ? FromEntity(entity) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<StoredKey>> ListAsync(CancellationToken cancellationToken) =>
        storage.RunAsync<IReadOnlyList<StoredKey>>(async token =>
        {
            var keys = new List<StoredKey>();
            await foreach (var entity in storage.Keys.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: token).ConfigureAwait(false))
            {
                keys.Add(FromEntity(entity));
            }

            return keys.OrderBy(k => k.CreatedAt).ToList();
        }, cancellationToken);

    /// <summary>
    /// Marks the key revoked (kept for the audit trail); returns the row's new ETag, or null when no such key exists.
    /// With <paramref name="ifMatch"/> the key's row must still match it (<see cref="EntityTags.Matches"/>), else 412.
    /// </summary>
    public Task<string?> RevokeAsync(string id, DateTimeOffset at, string? ifMatch, CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            var condition = ETag.All;
            if (ifMatch is not null)
            {
                var stored = await storage.Keys.GetEntityIfExistsAsync<TableEntity>(Partition, id, ["RevokedAt"], token).ConfigureAwait(false);
                if (!stored.HasValue || stored.Value is null)
                {
                    return null;
                }

                condition = stored.Value.ETag;
                if (!EntityTags.Matches(ifMatch, condition.ToString()))
                {
                    throw new PreconditionFailedException(EntityTags.Strong(condition.ToString()));
                }
            }

            try
            {
                var response = await storage.Keys.UpdateEntityAsync(
                    new TableEntity(Partition, id) { ["RevokedAt"] = at }, condition, TableUpdateMode.Merge, token).ConfigureAwait(false);
                return response.Headers.ETag?.ToString() ?? "";
            }
            catch (RequestFailedException failed) when (failed.Status == 404)
            {
                return null;
            }
            catch (RequestFailedException failed) when (failed.Status == 412)
            {
                throw new PreconditionFailedException("");
            }
        }, cancellationToken);

    internal static TableEntity ToEntity(StoredKey key)
    {
        var entity = new TableEntity(Partition, key.Id)
        {
            ["Scope"] = key.Scope.ToWire(),
            ["Town"] = key.Town,
            ["Region"] = key.Region,
            ["Label"] = key.Label,
            ["SecretHash"] = key.SecretHash,
            ["CreatedAt"] = key.CreatedAt,
        };
        TownRows.WriteList(entity, "Towns", key.Towns);
        return entity;
    }

    private static StoredKey FromEntity(TableEntity entity) => new(
        entity.RowKey,
        Enum.TryParse<KeyScope>(entity.GetString("Scope"), ignoreCase: true, out var scope) ? scope : KeyScope.Town,
        entity.GetString("Town"),
        entity.GetString("Region"),
        entity.GetString("Label") ?? "",
        entity.GetString("SecretHash") ?? "",
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.UnixEpoch,
        entity.GetDateTimeOffset("RevokedAt"))
    {
        Towns = TownRows.ReadList(entity, "Towns"),
    };
}
