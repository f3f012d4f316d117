using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using StatusHub.Core.Domain;
using StatusHub.Core.Errors;

namespace StatusHub.Core.Storage;

/// <summary>
/// The write unit of a town: one entity-group transaction in the town's partition (the changed rows, the head row with
/// the next version and dirty, conditional on the head's Table ETag, and an audit row), the render marker before it when
/// the head is clean, and the head rows this instance committed last (its head cache). Changes when the write protocol
/// changes (docs/storage.md, "A write", "Interleavings").
/// </summary>
internal sealed class TownWriteUnit(StatusHubStorage storage, TownReads reads, TimeProvider time, ILogger logger)
{
    public const int MaxContentionAttempts = 5;
    private const int MaxCachedHeads = 20_000;

    // Head rows as this instance last committed them, with their ETag. A write in the steady state uses it instead of
    // reading the head first (one storage round trip less); the transaction is conditional on that ETag, so an entry
    // made stale by another instance fails with 412, is dropped, and the write re-reads and goes round again.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TableEntity> _heads = new(StringComparer.Ordinal);

    public async Task<Written<T>> WriteAsync<T>(
        string town,
        WriteContext context,
        bool readRows,
        string operation,
        string resource,
        Func<TownState, TownPlan<T>> plan,
        CancellationToken cancellationToken,
        Func<TableEntity, bool>? rowsWhen = null)
    {
        for (var attempt = 1; attempt <= MaxContentionAttempts; attempt++)
        {
            TableEntity head;
            IReadOnlyList<TableEntity> rows = [];
            var cached = false;
            if (readRows)
            {
                var read = await reads.ReadDocumentRowsAsync(town, cancellationToken).ConfigureAwait(false)
                    ?? throw new ResourceNotFoundException($"Town '{town}'");
                (head, rows) = read;
            }
            else if (attempt == 1 && _heads.TryGetValue(town, out var known))
            {
                head = known;
                cached = true;
            }
            else
            {
                head = await reads.ReadHeadAsync(town, cancellationToken).ConfigureAwait(false)
                    ?? throw new ResourceNotFoundException($"Town '{town}'");
            }

            var rowsRead = readRows;
            if (!readRows && rowsWhen?.Invoke(head) == true)
            {
                // This write needs the rows after all (the head says so): they come with the head, as stored.
                var read = await reads.ReadDocumentRowsAsync(town, cancellationToken).ConfigureAwait(false)
                    ?? throw new ResourceNotFoundException($"Town '{town}'");
                (head, rows) = read;
                cached = false;
                rowsRead = true;
            }

            var current = TownRows.VersionTag(head);
            if (context.IfMatch is { } ifMatch && !EntityTags.Matches(ifMatch, current))
            {
                if (cached)
                {
                    // Only the stored head decides a 412: the next attempt reads it.
                    _heads.TryRemove(town, out _);
                    continue;
                }

                throw new PreconditionFailedException(current);
            }

            var now = time.GetUtcNow();
            var version = TownRows.ReadVersion(head) + 1;
            var planned = plan(new TownState(head, rows, TownRows.ReadProfile(head), now) { RowsRead = rowsRead });
            TownRows.Advance(planned.Head, version);
            var actions = new List<TableTransactionAction>(planned.Actions.Count + 2)
            {
                new(TableTransactionActionType.UpdateReplace, planned.Head, head.ETag),
            };
            actions.AddRange(planned.Actions);
            actions.Add(new(TableTransactionActionType.Add, AuditEntity(town, context.Actor, operation, resource, now, version)));
            try
            {
                _heads.TryRemove(town, out _);
                if (!TownRows.IsDirty(head))
                {
                    // The town turns from clean to dirty: its render marker first (docs/storage.md, "Interleavings").
                    // A failure here is a 503 with nothing committed; a commit that fails after it leaves a harmless marker.
                    await MarkForRenderAsync(town, cancellationToken).ConfigureAwait(false);
                }

                var stored = await SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
                Remember(town, planned.Head, stored);
                return new Written<T>(planned.Result, TownRows.VersionTag(version));
            }
            catch (TableTransactionFailedException failed) when (failed.FailedTransactionActionIndex == 0 && failed.Status == 412)
            {
                // The head moved since it was read (or remembered): another write, or the renderer clearing the dirty state,
                // which leaves the version as it was. The next attempt reads the head, and an If-Match is judged against it.
                logger.LogInformation("Head of town {Town} moved; attempt {Attempt} re-reads and retries", town, attempt);
            }
        }

        throw Contention(town);
    }

    public void Remember(string town, TableEntity head, string? etag)
    {
        if (string.IsNullOrEmpty(etag))
        {
            return;
        }

        if (_heads.Count >= MaxCachedHeads)
        {
            _heads.Clear();
        }

        var committed = new TableEntity(head) { ETag = new ETag(etag) };
        committed.Remove("Timestamp");
        _heads[town] = committed;
    }

    /// <summary>
    /// Commits the transaction; returns the head row's new Table ETag (for the head cache), or null for a commit recognised
    /// after a lost answer. Its last action inserts the audit row, whose key is this write's own, so a retry of an attempt
    /// that committed is recognised as that commit (<see cref="StatusHubStorage.SubmitOnceAsync"/>), not taken for a
    /// concurrent write. Nothing follows the commit: once it answers, the write is durable and acknowledged.
    /// </summary>
    public async Task<string?> SubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var responses = await storage.SubmitOnceAsync(storage.Towns, actions, (TableEntity)actions[^1].Entity, cancellationToken)
            .ConfigureAwait(false);
        return responses?[0].Headers.ETag?.ToString();
    }

    /// <summary>
    /// Upserted before the transaction that turns the town dirty, due now. The renderer deletes it only after it cleared
    /// the dirty state conditionally on the head it rendered, so a write that lands meanwhile keeps it or writes it anew.
    /// </summary>
    public Task MarkForRenderAsync(string town, CancellationToken cancellationToken) =>
        storage.RunAsync(
            token => storage.RenderQueue.UpsertEntityAsync(
                new TableEntity(RenderMarkers.Partition, town) { ["DueAt"] = time.GetUtcNow() }, TableUpdateMode.Replace, token),
            cancellationToken);

    /// <summary>The write's audit row with the town's version it commits (the audit trail's <c>etag</c>).</summary>
    public static TableEntity AuditEntity(string town, Actor actor, string operation, string resource, DateTimeOffset at, long version)
    {
        var row = TownRows.AuditEntity(town, TownRows.AuditKey(at), actor, operation, resource, at);
        row[TownRows.VersionColumn] = version;
        return row;
    }

    public static StorageUnavailableException Contention(string town) =>
        new(TimeSpan.FromSeconds(1), new InvalidOperationException($"Town {town} kept changing during {MaxContentionAttempts} attempts."));
}

/// <summary>What a town write commits: its result, the new head row, and the other rows' actions.</summary>
internal sealed record TownPlan<T>(T Result, TableEntity Head, IReadOnlyList<TableTransactionAction> Actions);

/// <summary>The town as a write found it: its head (read or remembered), the document rows when read, and the time.</summary>
internal sealed record TownState(TableEntity Head, IReadOnlyList<TableEntity> Rows, TownProfile Profile, DateTimeOffset Now)
{
    /// <summary>True when <see cref="Rows"/> are the document rows as read (not merely none read).</summary>
    public bool RowsRead { get; init; }

    /// <summary>The head row unchanged but for its write time: writing it moves the town's ETag.</summary>
    public TableEntity TouchedHead()
    {
        var copy = new TableEntity(Head) { ["UpdatedAt"] = Now };
        copy.Remove("odata.etag");
        copy.Remove("Timestamp");
        return copy;
    }
}
