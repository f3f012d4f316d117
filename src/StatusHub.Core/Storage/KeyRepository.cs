using Azure;
using Azure.Data.Tables;
using StatusHub.Core.Auth;

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

    public Task CreateAsync(StoredKey key, CancellationToken cancellationToken) =>
        storage.RunAsync(token => storage.Keys.AddEntityAsync(ToEntity(key), token), cancellationToken);

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

    /// <summary>Marks the key revoked (kept for the audit trail); false when no such key exists.</summary>
    public Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            try
            {
                await storage.Keys.UpdateEntityAsync(
                    new TableEntity(Partition, id) { ["RevokedAt"] = at }, ETag.All, TableUpdateMode.Merge, token).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException failed) when (failed.Status == 404)
            {
                return false;
            }
        }, cancellationToken);

    private static TableEntity ToEntity(StoredKey key)
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
