using Azure;
using Azure.Data.Tables;

namespace StatusHub.Core.Storage;

/// <summary>
/// The renderer's half of the dirty-flag protocol shared by towns, region names and shared incidents (docs/storage.md,
/// "Interleavings"): the row's <see cref="TownRows.DirtyColumn"/> is cleared by a merge conditional on the Table ETag
/// the render read it with, which leaves the row's version (and so the ETag clients hold) as it is.
/// </summary>
internal static class DirtyFlag
{
    /// <summary>
    /// One attempt, for use inside a storage pipeline callback. False when a write committed after the render read the
    /// row (412: it keeps its marker and is rendered next tick) or the row is gone (404).
    /// </summary>
    public static async Task<bool> TryClearAsync(TableClient table, string partition, string row, string storedETag, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(
                new TableEntity(partition, row) { [TownRows.DirtyColumn] = false }, new ETag(storedETag), TableUpdateMode.Merge, cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException failed) when (failed.Status is 412 or 404)
        {
            return false;
        }
    }
}
