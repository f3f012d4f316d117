using Azure;
using Azure.Data.Tables;

namespace StatusHub.Core.Storage;

/// <summary>
/// The replays of a town's <c>POST …/updates</c> with an <c>Idempotency-Key</c> (<see cref="IdempotencyRows"/>): the first
/// answer to a key, with the town's current ETag, or the expired row the new write replaces. Changes when the replay
/// rules change.
/// </summary>
internal sealed class TownReplays(StatusHubStorage storage, TownReads reads, TimeProvider time)
{
    /// <summary>
    /// The first answer to this key, or none; a row older than <see cref="Limits.IdempotencyWindow"/> is no replay, and
    /// its ETag is returned so the new write can replace it.
    /// </summary>
    public async Task<(Written<AddedUpdate>? Replay, ETag? Expired)> FindAsync(string town, IdempotencyToken token, CancellationToken cancellationToken)
    {
        var (row, expired) = await IdempotencyRows.FindAsync(storage, storage.Towns, town, token, time, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return (null, expired);
        }

        var head = await reads.ReadHeadAsync(town, cancellationToken).ConfigureAwait(false);
        return (new Written<AddedUpdate>(new AddedUpdate(TownRows.ReadUpdate(row), Replayed: true), head is null ? "" : TownRows.VersionTag(head)), null);
    }

    /// <summary>The idempotency row of a town's added update, written in the same transaction as the update.</summary>
    public static TableEntity Entity(string town, IdempotencyToken token, TimelineUpdate update) =>
        IdempotencyRows.From(TownRows.UpdateEntity(town, update), token);
}
