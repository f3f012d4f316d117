using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using StatusHub.Core.Errors;

namespace StatusHub.Core.Storage;

/// <summary>
/// The stored first answer to an <c>Idempotency-Key</c> (API.md: a replay with the same key and body returns the first
/// response, the same key with another body is 422, honoured for <see cref="Limits.IdempotencyWindow"/>): one row in the
/// partition the update was added to, a town's or a shared incident's, written in the same transaction as the update.
/// </summary>
internal static class IdempotencyRows
{
    /// <summary>The row key of a client's key: hashed, so any client string is a valid, fixed-length row key.</summary>
    public static string RowKey(string key) =>
        TownRows.IdempotencyPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The idempotency row made from the update's own row: the same values under the key's row key, with the body's hash.</summary>
    public static TableEntity From(TableEntity update, IdempotencyToken token)
    {
        update.RowKey = RowKey(token.Key);
        update["BodyHash"] = token.BodyHash;
        return update;
    }

    /// <summary>
    /// The stored first answer to the token's key, or none; a row older than the window is no replay, and its ETag is
    /// returned so that the new write can replace it. The same key with another body: <see cref="IdempotencyConflictException"/>.
    /// </summary>
    public static async Task<(TableEntity? Replay, ETag? Expired)> FindAsync(
        StatusHubStorage storage, TableClient table, string partition, IdempotencyToken token, TimeProvider time, CancellationToken cancellationToken)
    {
        var row = await storage.RunAsync(
            t => table.GetEntityIfExistsAsync<TableEntity>(partition, RowKey(token.Key), cancellationToken: t),
            cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value is null)
        {
            return (null, null);
        }

        if (row.Value.Timestamp is { } storedAt && time.GetUtcNow() - storedAt >= Limits.IdempotencyWindow)
        {
            return (null, row.Value.ETag);
        }

        if (!string.Equals(row.Value.GetString("BodyHash"), token.BodyHash, StringComparison.Ordinal))
        {
            throw new IdempotencyConflictException();
        }

        return (row.Value, null);
    }
}
