using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using StatusHub.Core.Domain;
using StatusHub.Core.Errors;
using StatusHub.Core.Validation;

namespace StatusHub.Core.Storage;

/// <summary>Who made a write, as recorded in the audit trail. Never holds a secret.</summary>
public sealed record Actor(string KeyId, string Label, string Scope);

/// <summary>The caller's write preconditions and identity.</summary>
public sealed record WriteContext(Actor Actor, string? IfMatch);

/// <summary>A stored value and the town's ETag after the write.</summary>
public sealed record Written<T>(T Value, string ETag);

/// <summary>One row of <c>GET /api/v1/towns</c>.</summary>
public sealed record TownListItem(string Slug, string Name, string Region, TownLevel Level, DateTimeOffset? AsOf);

/// <summary>The outcome of <c>PUT /api/v1/towns/{town}</c>: the profile, and whether the town was created or left as it was.</summary>
public sealed record TownPut(TownProfile Profile, bool Created, bool Unchanged);

/// <summary>A timeline update as stored, and whether it is the replay of an earlier request.</summary>
public sealed record AddedUpdate(TimelineUpdate Update, bool Replayed);

/// <summary>An <c>Idempotency-Key</c> and the hash of the body it was sent with.</summary>
public sealed record IdempotencyToken(string Key, string BodyHash);

/// <summary>
/// Reads and writes towns in <see cref="StatusHubStorage.TownsTable"/>. Every write is one entity-group
/// transaction in the town's partition: the changed rows, the head row (conditional on its ETag, so the
/// town's ETag is the table entity's ETag and concurrent writers cannot both win) and an audit row; then
/// the town's render marker is upserted so the renderer picks it up.
/// </summary>
public sealed partial class TownRepository(StatusHubStorage storage, TimeProvider time, ILogger<TownRepository> logger)
{
    private const int MaxContentionAttempts = 5;
    private const int MaxCachedHeads = 20_000;

    // Head rows as this instance last committed them, with their ETag. A write in the steady state uses it instead of
    // reading the head first (one storage round trip less); the transaction is conditional on that ETag, so an entry
    // made stale by another instance fails with 412, is dropped, and the write re-reads and goes round again.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TableEntity> _heads = new(StringComparer.Ordinal);

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

    /// <summary>
    /// Creates or replaces a town's profile; its status and other rows are kept. A profile equal to the stored one is
    /// not written at all (<see cref="TownPut.Unchanged"/>): no new ETag, no audit row, no render, so that a bulk import
    /// run twice leaves every town as it was.
    /// </summary>
    public async Task<Written<TownPut>> PutTownAsync(
        TownProfile profile, WriteContext context, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxContentionAttempts; attempt++)
        {
            if (await ReadHeadAsync(profile.Slug, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                if (context.IfMatch is { } ifMatch && !EntityTags.Matches(ifMatch, existing.ETag.ToString()))
                {
                    throw new PreconditionFailedException(EntityTags.Strong(existing.ETag.ToString()));
                }

                if (SameProfile(TownRows.ReadProfile(existing), profile))
                {
                    return new Written<TownPut>(new TownPut(profile, Created: false, Unchanged: true), existing.ETag.ToString());
                }

                var updated = await WriteAsync(profile.Slug, context, readRows: false, "town.put", $"towns/{profile.Slug}", state =>
                    new Plan<TownProfile>(
                        profile,
                        TownRows.HeadEntity(profile, TownRows.ReadStatus(state.Head), TownRows.CreatedAt(state.Head), state.Now, state.Head),
                        []), cancellationToken).ConfigureAwait(false);
                return new Written<TownPut>(new TownPut(updated.Value, Created: false, Unchanged: false), updated.ETag);
            }

            if (context.IfMatch is not null)
            {
                throw new PreconditionFailedException("");
            }

            var now = time.GetUtcNow();
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.Add, TownRows.HeadEntity(profile, TownStatus.Initial, now, now)),
                new(TableTransactionActionType.Add, AuditEntity(profile.Slug, context.Actor, "town.create", $"towns/{profile.Slug}", now)),
            ];
            try
            {
                var etag = await SubmitAsync(profile.Slug, actions, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Town {Town} created by key {KeyId}", profile.Slug, context.Actor.KeyId);
                return new Written<TownPut>(new TownPut(profile, Created: true, Unchanged: false), etag);
            }
            catch (TableTransactionFailedException failed) when (failed.Status == 409 && failed.FailedTransactionActionIndex == 0)
            {
                // Another request created the town meanwhile: go round again and update it.
            }
        }

        throw Contention(profile.Slug);
    }

    /// <summary>Field by field, the neighbours in order (records compare lists by reference).</summary>
    private static bool SameProfile(TownProfile stored, TownProfile profile) =>
        stored with { Neighbours = profile.Neighbours } == profile && stored.Neighbours.SequenceEqual(profile.Neighbours, StringComparer.Ordinal);

    public Task<Written<TownStatus>> PutStatusAsync(
        string town, Func<TownProfile, TownStatus> build, WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(town, context, readRows: false, "status.put", $"towns/{town}/status", state =>
        {
            var status = build(state.Profile);
            return new Plan<TownStatus>(status, TownRows.HeadEntity(state.Profile, status, TownRows.CreatedAt(state.Head), state.Now, state.Head), []);
        }, cancellationToken);

    public Task<Written<ServiceEntry>> PutServiceAsync(
        string town, Func<TownProfile, ServiceEntry> build, WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(town, context, readRows: false, "service.put", $"towns/{town}/services", state =>
        {
            var service = build(state.Profile);
            return new Plan<ServiceEntry>(
                service,
                state.TouchedHead(),
                [new(TableTransactionActionType.UpsertReplace, TownRows.ServiceEntity(town, service, state.Now))]);
        }, cancellationToken);

    public Task<Written<IReadOnlyList<ServiceEntry>>> ReplaceServicesAsync(
        string town, Func<TownProfile, IReadOnlyList<ServiceEntry>> build, WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(town, context, readRows: true, "services.replace", $"towns/{town}/services", state =>
        {
            var services = build(state.Profile);
            var keep = services.Select(s => TownRows.ServiceKey(s.Id)).ToHashSet(StringComparer.Ordinal);
            var actions = state.Rows
                .Where(r => r.RowKey.StartsWith(TownRows.ServicePrefix, StringComparison.Ordinal) && !keep.Contains(r.RowKey))
                .Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All))
                .Concat(services.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, TownRows.ServiceEntity(town, s, state.Now))))
                .ToList();
            // The list's order is the town's order (which channels its page shows first): one column of the head row.
            var head = state.TouchedHead();
            head[TownRows.ServiceOrderColumn] = string.Join(',', services.Select(s => s.Id));
            return new Plan<IReadOnlyList<ServiceEntry>>(services.ToList(), head, actions);
        }, cancellationToken);

    public Task<Written<IReadOnlyList<QaItem>>> ReplaceQaAsync(
        string town, Func<TownProfile, IReadOnlyList<QaItem>> build, WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(town, context, readRows: true, "qa.replace", $"towns/{town}/qa", state =>
        {
            var items = build(state.Profile);
            var actions = items
                .Select((item, index) => new TableTransactionAction(TableTransactionActionType.UpsertReplace, TownRows.QaEntity(town, index, item)))
                .ToList();
            var obsolete = state.Rows.Where(r =>
                r.RowKey.StartsWith(TownRows.QaPrefix, StringComparison.Ordinal)
                && string.CompareOrdinal(r.RowKey, TownRows.QaKey(items.Count)) >= 0);
            actions.AddRange(obsolete.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)));
            return new Plan<IReadOnlyList<QaItem>>(items, state.TouchedHead(), actions);
        }, cancellationToken);

    /// <summary>
    /// Appends a timeline update. With an idempotency token, the token row is inserted in the same
    /// transaction, so of any number of concurrent replays exactly one stores the update.
    /// </summary>
    public async Task<Written<AddedUpdate>> AddUpdateAsync(
        string town,
        Func<TownProfile, (LocalizedText Text, DateTimeOffset At)> build,
        IdempotencyToken? idempotency,
        WriteContext context,
        CancellationToken cancellationToken)
    {
        var expired = default(ETag?);
        if (idempotency is not null)
        {
            var (replay, expiredRow) = await ReplayAsync(town, idempotency, cancellationToken).ConfigureAwait(false);
            if (replay is not null)
            {
                return replay;
            }

            expired = expiredRow;
        }

        var id = NewId();
        try
        {
            // The document rows are read so that the write which adds the 201st update removes the oldest (API.md's cap).
            var written = await WriteAsync(town, context, readRows: true, "update.add", $"towns/{town}/updates/{id}", state =>
            {
                var (text, at) = build(state.Profile);
                var update = new TimelineUpdate(id, text, at);
                var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, TownRows.UpdateEntity(town, update)) };
                if (idempotency is not null)
                {
                    // A key older than the window starts afresh: its old row is replaced, conditional on its ETag, so
                    // of two concurrent first uses of an expired key one wins and the other answers as its replay.
                    actions.Add(expired is { } etag
                        ? new(TableTransactionActionType.UpdateReplace, IdempotencyEntity(town, idempotency, update), etag)
                        : new(TableTransactionActionType.Add, IdempotencyEntity(town, idempotency, update)));
                }

                actions.AddRange(OldestUpdatesBeyondCap(state.Rows).Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)));
                return new Plan<AddedUpdate>(new AddedUpdate(update, Replayed: false), state.TouchedHead(), actions);
            }, cancellationToken).ConfigureAwait(false);
            return written;
        }
        catch (TableTransactionFailedException failed) when (failed.Status is 409 or 412 && failed.FailedTransactionActionIndex == 2 && idempotency is not null)
        {
            // A concurrent request with the same key won the race: answer as a replay of it.
            return (await ReplayAsync(town, idempotency, cancellationToken).ConfigureAwait(false)).Replay
                ?? throw new InvalidOperationException("Idempotency row vanished after a conflict.");
        }
    }

    public Task<string> DeleteUpdateAsync(string town, string updateId, WriteContext context, CancellationToken cancellationToken) =>
        DeleteRowAsync(town, TownRows.UpdateKey(updateId), "update.delete", $"towns/{town}/updates/{updateId}", $"Update '{updateId}' of town '{town}'", context, cancellationToken);

    /// <summary>Creates or replaces an aid offer in the providing town's partition.</summary>
    public Task<Written<AidOffer>> PutAidAsync(
        string town, Func<TownProfile, AidOffer> build, WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(town, context, readRows: true, "aid.put", $"towns/{town}/aid", state =>
        {
            var offer = build(state.Profile);
            var previous = state.Rows.FirstOrDefault(r => r.RowKey == TownRows.AidKey(offer.Id)) is { } row ? TownRows.ReadAid(row) : null;
            offer = offer.Replacing(previous, state.Now);
            var others = state.Rows.Count(r => r.RowKey.StartsWith(TownRows.AidPrefix, StringComparison.Ordinal) && r.RowKey != TownRows.AidKey(offer.Id));
            if (others >= Limits.MaxOffers)
            {
                throw new LimitReachedException(
                    $"Town '{town}' already has {Limits.MaxOffers} aid offers, the most a town may hold: delete one (DELETE …/aid/{{offerId}}) first.");
            }

            return new Plan<AidOffer>(offer, state.TouchedHead(), [new(TableTransactionActionType.UpsertReplace, TownRows.AidEntity(town, offer))]);
        }, cancellationToken);

    public Task<string> DeleteAidAsync(string town, string offerId, WriteContext context, CancellationToken cancellationToken) =>
        DeleteRowAsync(town, TownRows.AidKey(offerId), "aid.delete", $"towns/{town}/aid/{offerId}", $"Aid offer '{offerId}' of town '{town}'", context, cancellationToken);

    /// <summary>Records in the receiving town's partition that it accepts one offer (replacing an earlier acceptance of it).</summary>
    public Task<Written<AidAcceptance>> AcceptAidAsync(
        string town, AidAcceptance acceptance, WriteContext context, CancellationToken cancellationToken) =>
        WriteAsync(town, context, readRows: false, "aid.accept", $"towns/{town}/accepted-aid/{acceptance.Provider}/{acceptance.OfferId}", state =>
            new Plan<AidAcceptance>(acceptance, state.TouchedHead(),
                [new(TableTransactionActionType.UpsertReplace, TownRows.AcceptedAidEntity(town, acceptance))]), cancellationToken);

    /// <summary>Withdraws the town's acceptance of one offer; 404 when there is none.</summary>
    public Task<string> WithdrawAidAsync(string town, string provider, string offerId, WriteContext context, CancellationToken cancellationToken) =>
        DeleteRowAsync(town, TownRows.AcceptedAidKey(provider, offerId), "aid.withdraw", $"towns/{town}/accepted-aid/{provider}/{offerId}",
            $"Acceptance of offer '{offerId}' of town '{provider}' by town '{town}'", context, cancellationToken);

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

    /// <summary>Deletes one row of the town's document; 404 (<see cref="ResourceNotFoundException"/>) when it does not exist.</summary>
    private async Task<string> DeleteRowAsync(
        string town, string rowKey, string operation, string resource, string description, WriteContext context, CancellationToken cancellationToken)
    {
        try
        {
            var written = await WriteAsync(town, context, readRows: false, operation, resource, state =>
                new Plan<bool>(true, state.TouchedHead(), [new(TableTransactionActionType.Delete, new TableEntity(town, rowKey), ETag.All)]),
                cancellationToken).ConfigureAwait(false);
            return written.ETag;
        }
        catch (TableTransactionFailedException failed) when (failed.Status == 404 && failed.FailedTransactionActionIndex == 1)
        {
            throw new ResourceNotFoundException(description);
        }
    }

    /// <summary>The hex SHA-256 of a request body, used to tell a replay from a reuse of the key.</summary>
    public static string HashBody(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    private async Task<Written<T>> WriteAsync<T>(
        string town,
        WriteContext context,
        bool readRows,
        string operation,
        string resource,
        Func<TownState, Plan<T>> plan,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxContentionAttempts; attempt++)
        {
            TableEntity head;
            IReadOnlyList<TableEntity> rows = [];
            var cached = false;
            if (readRows)
            {
                var read = await ReadDocumentRowsAsync(town, cancellationToken).ConfigureAwait(false)
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
                head = await ReadHeadAsync(town, cancellationToken).ConfigureAwait(false)
                    ?? throw new ResourceNotFoundException($"Town '{town}'");
            }

            if (context.IfMatch is { } ifMatch && !EntityTags.Matches(ifMatch, head.ETag.ToString()))
            {
                if (cached)
                {
                    // Only the stored head decides a 412: the next attempt reads it.
                    _heads.TryRemove(town, out _);
                    continue;
                }

                throw new PreconditionFailedException(head.ETag.ToString());
            }

            var now = time.GetUtcNow();
            var planned = plan(new TownState(head, rows, TownRows.ReadProfile(head), now));
            var actions = new List<TableTransactionAction>(planned.Actions.Count + 2)
            {
                new(TableTransactionActionType.UpdateReplace, planned.Head, head.ETag),
            };
            actions.AddRange(planned.Actions);
            actions.Add(new(TableTransactionActionType.Add, AuditEntity(town, context.Actor, operation, resource, now)));
            try
            {
                _heads.TryRemove(town, out _);
                var etag = await SubmitAsync(town, actions, cancellationToken).ConfigureAwait(false);
                Remember(town, planned.Head, etag);
                return new Written<T>(planned.Result, etag);
            }
            catch (TableTransactionFailedException failed) when (failed.FailedTransactionActionIndex == 0 && failed.Status == 412)
            {
                if (cached)
                {
                    // Another instance wrote since: the next attempt reads the head.
                    continue;
                }

                if (context.IfMatch is not null)
                {
                    throw new PreconditionFailedException("");
                }

                logger.LogInformation("Concurrent write on town {Town}; attempt {Attempt} re-reads and retries", town, attempt);
            }
        }

        throw Contention(town);
    }

    private void Remember(string town, TableEntity head, string etag)
    {
        if (etag.Length == 0)
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
    /// Commits the transaction, then marks the town for rendering; returns the head row's new ETag. Its last action inserts
    /// the audit row, whose key is this write's own, so a retry of an attempt that committed but whose answer was lost is
    /// recognised as that commit (<see cref="StatusHubStorage.SubmitOnceAsync"/>), not taken for a concurrent write.
    /// </summary>
    private async Task<string> SubmitAsync(string town, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var responses = await storage.SubmitOnceAsync(storage.Towns, actions, (TableEntity)actions[^1].Entity, cancellationToken)
            .ConfigureAwait(false);
        var etag = responses?[0].Headers.ETag is { } committed
            ? committed.ToString()
            : (await ReadHeadAsync(town, cancellationToken).ConfigureAwait(false))?.ETag.ToString() ?? "";

        // Both follow the commit and are independent of each other: one round trip of latency, not two.
        var audit = actions[^1].Entity.RowKey.StartsWith(TownRows.AuditPrefix, StringComparison.Ordinal)
            ? RecordAuditETagAsync(town, actions[^1].Entity.RowKey, etag, cancellationToken)
            : Task.CompletedTask;
        await Task.WhenAll(MarkForRenderAsync(town, cancellationToken), audit).ConfigureAwait(false);
        return etag;
    }

    /// <summary>
    /// The head's new ETag is only known once the transaction has committed, so it is merged into the audit row
    /// afterwards. Best effort: the write is already durable and acknowledged whatever happens here, so a failure
    /// leaves that row's ETag empty (logged) instead of failing the request.
    /// </summary>
    private async Task RecordAuditETagAsync(string town, string auditRowKey, string etag, CancellationToken cancellationToken)
    {
        try
        {
            await storage.RunAsync(
                token => storage.Towns.UpdateEntityAsync(
                    new TableEntity(town, auditRowKey) { ["ETag"] = etag }, ETag.All, TableUpdateMode.Merge, token),
                cancellationToken).ConfigureAwait(false);
        }
        catch (StorageUnavailableException unavailable)
        {
            logger.LogWarning("Audit row {Row} of town {Town} keeps no ETag: {Cause}", auditRowKey, town, unavailable.InnerException?.GetType().Name);
        }
    }

    /// <summary>
    /// Upserted after the data is committed: a renderer that reads the marker before this point and deletes it
    /// with the ETag it read fails that delete, so the change is rendered on the next tick.
    /// </summary>
    private Task MarkForRenderAsync(string town, CancellationToken cancellationToken) =>
        storage.RunAsync(
            token => storage.RenderQueue.UpsertEntityAsync(
                new TableEntity(RenderMarkers.Partition, town) { ["DueAt"] = time.GetUtcNow() }, TableUpdateMode.Replace, token),
            cancellationToken);

    /// <summary>
    /// The first answer to this key, or none; a row older than <see cref="Limits.IdempotencyWindow"/> is no replay, and
    /// its ETag is returned so the new write can replace it.
    /// </summary>
    private async Task<(Written<AddedUpdate>? Replay, ETag? Expired)> ReplayAsync(string town, IdempotencyToken token, CancellationToken cancellationToken)
    {
        var (row, expired) = await IdempotencyRows.FindAsync(storage, storage.Towns, town, token, time, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return (null, expired);
        }

        var head = await ReadHeadAsync(town, cancellationToken).ConfigureAwait(false);
        return (new Written<AddedUpdate>(new AddedUpdate(TownRows.ReadUpdate(row), Replayed: true), head?.ETag.ToString() ?? ""), null);
    }

    // A transaction holds at most 100 actions: a town far over the cap (written before it existed) is trimmed by at most
    // this many per added update, so it shrinks towards the cap write by write.
    private const int MaxTrimPerWrite = 80;

    /// <summary>The update rows to delete so that, with the one being added, the town keeps <see cref="Limits.MaxUpdates"/>.</summary>
    private static IEnumerable<TableEntity> OldestUpdatesBeyondCap(IReadOnlyList<TableEntity> rows)
    {
        var updates = rows.Where(r => r.RowKey.StartsWith(TownRows.UpdatePrefix, StringComparison.Ordinal)).ToList();
        var excess = Math.Min(updates.Count + 1 - Limits.MaxUpdates, MaxTrimPerWrite);
        return excess <= 0
            ? []
            : updates.OrderBy(r => r.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue).ThenBy(r => r.RowKey, StringComparer.Ordinal).Take(excess);
    }

    private static TableEntity IdempotencyEntity(string town, IdempotencyToken token, TimelineUpdate update) =>
        IdempotencyRows.From(TownRows.UpdateEntity(town, update), token);

    private static TableEntity AuditEntity(string town, Actor actor, string operation, string resource, DateTimeOffset at) =>
        TownRows.AuditEntity(town, TownRows.AuditKey(at), actor, operation, resource, at);

    private Task<TableEntity?> ReadHeadAsync(string town, CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            var response = await storage.Towns.GetEntityIfExistsAsync<TableEntity>(town, TownRows.Head, cancellationToken: token)
                .ConfigureAwait(false);
            return response.HasValue ? response.Value : null;
        }, cancellationToken);

    private Task<(TableEntity Head, IReadOnlyList<TableEntity> Rows)?> ReadDocumentRowsAsync(string town, CancellationToken cancellationToken) =>
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
            head.ETag.ToString())
        {
            AcceptedAid = accepted,
            IncidentIds = incidents,
        };
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static StorageUnavailableException Contention(string town) =>
        new(TimeSpan.FromSeconds(1), new InvalidOperationException($"Town {town} kept changing during {MaxContentionAttempts} attempts."));

    private sealed record Plan<T>(T Result, TableEntity Head, IReadOnlyList<TableTransactionAction> Actions);

    private sealed record TownState(TableEntity Head, IReadOnlyList<TableEntity> Rows, TownProfile Profile, DateTimeOffset Now)
    {
        /// <summary>The head row unchanged but for its write time: writing it moves the town's ETag.</summary>
        public TableEntity TouchedHead()
        {
            var copy = new TableEntity(Head) { ["UpdatedAt"] = Now };
            copy.Remove("odata.etag");
            copy.Remove("Timestamp");
            return copy;
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Town {Town} has an unreadable row and is left out of lists and region outputs until it is repaired")]
    private static partial void UnreadableTown(ILogger logger, string town, Exception error);
}
