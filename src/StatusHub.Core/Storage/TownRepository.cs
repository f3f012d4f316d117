using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using StatusHub.Core.Domain;
using StatusHub.Core.Errors;

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
/// transaction in the town's partition: the changed rows, the head row (conditional on its Table ETag, so concurrent
/// writers cannot both win; with the next <see cref="TownRows.VersionColumn"/>, which is the town's ETag, and dirty) and
/// an audit row with that version. Only a write that finds the head clean writes the town's render marker, before its
/// transaction; in the steady state (the head dirty, as this instance committed it) a write is one storage request.
/// </summary>
public sealed class TownRepository
{
    private readonly TimeProvider _time;
    private readonly ILogger<TownRepository> _logger;
    private readonly TownReads _reads;
    private readonly TownWriteUnit _unit;
    private readonly TownReplays _replays;

    public TownRepository(StatusHubStorage storage, TimeProvider time, ILogger<TownRepository> logger)
    {
        _time = time;
        _logger = logger;
        _reads = new TownReads(storage, logger);
        _unit = new TownWriteUnit(storage, _reads, time, logger);
        _replays = new TownReplays(storage, _reads, time);
    }

    public Task<TownSnapshot?> GetAsync(string town, CancellationToken cancellationToken) => _reads.GetAsync(town, cancellationToken);

    public Task<IReadOnlyList<TownListItem>> ListAsync(CancellationToken cancellationToken) => _reads.ListAsync(cancellationToken);

    public Task<TownProfile?> GetProfileAsync(string town, CancellationToken cancellationToken) => _reads.GetProfileAsync(town, cancellationToken);

    /// <summary>Every town of a region, read in parallel (one partition query each).</summary>
    public Task<IReadOnlyList<TownSnapshot>> GetRegionAsync(string region, CancellationToken cancellationToken) =>
        _reads.GetRegionAsync(region, cancellationToken);

    /// <summary>The snapshots of the given towns that exist, read with bounded parallelism.</summary>
    public Task<IReadOnlyList<TownSnapshot>> GetManyAsync(IEnumerable<string> slugs, CancellationToken cancellationToken) =>
        _reads.GetManyAsync(slugs, cancellationToken);

    /// <summary>
    /// Creates or replaces a town's profile; its status and other rows are kept. A profile equal to the stored one is
    /// not written at all (<see cref="TownPut.Unchanged"/>): no new ETag, no audit row, no render, so that a bulk import
    /// run twice leaves every town as it was.
    /// </summary>
    public async Task<Written<TownPut>> PutTownAsync(
        TownProfile profile, WriteContext context, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= TownWriteUnit.MaxContentionAttempts; attempt++)
        {
            if (await _reads.ReadHeadAsync(profile.Slug, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                if (context.IfMatch is { } ifMatch && !EntityTags.Matches(ifMatch, TownRows.VersionTag(existing)))
                {
                    throw new PreconditionFailedException(TownRows.VersionTag(existing));
                }

                if (SameProfile(TownRows.ReadProfile(existing), profile))
                {
                    return new Written<TownPut>(new TownPut(profile, Created: false, Unchanged: true), TownRows.VersionTag(existing));
                }

                var updated = await _unit.WriteAsync(profile.Slug, context, readRows: false, "town.put", $"towns/{profile.Slug}", state =>
                    new TownPlan<TownProfile>(
                        profile,
                        TownRows.HeadEntity(profile, TownRows.ReadStatus(state.Head), TownRows.CreatedAt(state.Head), state.Now, state.Head),
                        []), cancellationToken).ConfigureAwait(false);
                return new Written<TownPut>(new TownPut(updated.Value, Created: false, Unchanged: false), updated.ETag);
            }

            if (context.IfMatch is not null)
            {
                throw new PreconditionFailedException("");
            }

            var now = _time.GetUtcNow();
            var head = TownRows.HeadEntity(profile, TownStatus.Initial, now, now);
            TownRows.Advance(head, 1);
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.Add, head),
                new(TableTransactionActionType.Add, TownWriteUnit.AuditEntity(profile.Slug, context.Actor, "town.create", $"towns/{profile.Slug}", now, 1)),
            ];
            try
            {
                // A new town is clean: its marker first, so a failure here is a 503 with nothing stored.
                await _unit.MarkForRenderAsync(profile.Slug, cancellationToken).ConfigureAwait(false);
                var stored = await _unit.SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
                _unit.Remember(profile.Slug, head, stored);
                _logger.LogInformation("Town {Town} created by key {KeyId}", profile.Slug, context.Actor.KeyId);
                return new Written<TownPut>(new TownPut(profile, Created: true, Unchanged: false), TownRows.VersionTag(1));
            }
            catch (TableTransactionFailedException failed) when (failed.Status == 409 && failed.FailedTransactionActionIndex == 0)
            {
                // Another request created the town meanwhile: go round again and update it.
            }
        }

        throw TownWriteUnit.Contention(profile.Slug);
    }

    /// <summary>Field by field, the neighbours in order (records compare lists by reference).</summary>
    private static bool SameProfile(TownProfile stored, TownProfile profile) =>
        stored with { Neighbours = profile.Neighbours } == profile && stored.Neighbours.SequenceEqual(profile.Neighbours, StringComparer.Ordinal);

    public Task<Written<TownStatus>> PutStatusAsync(
        string town, Func<TownProfile, TownStatus> build, WriteContext context, CancellationToken cancellationToken) =>
        _unit.WriteAsync(town, context, readRows: false, "status.put", $"towns/{town}/status", state =>
        {
            var status = build(state.Profile);
            return new TownPlan<TownStatus>(status, TownRows.HeadEntity(state.Profile, status, TownRows.CreatedAt(state.Head), state.Now, state.Head), []);
        }, cancellationToken);

    public Task<Written<ServiceEntry>> PutServiceAsync(
        string town, Func<TownProfile, ServiceEntry> build, WriteContext context, CancellationToken cancellationToken) =>
        _unit.WriteAsync(town, context, readRows: false, "service.put", $"towns/{town}/services", state =>
        {
            var service = build(state.Profile);
            return new TownPlan<ServiceEntry>(
                service,
                state.TouchedHead(),
                [new(TableTransactionActionType.UpsertReplace, TownRows.ServiceEntity(town, service, state.Now))]);
        }, cancellationToken);

    public Task<Written<IReadOnlyList<ServiceEntry>>> ReplaceServicesAsync(
        string town, Func<TownProfile, IReadOnlyList<ServiceEntry>> build, WriteContext context, CancellationToken cancellationToken) =>
        _unit.WriteAsync(town, context, readRows: true, "services.replace", $"towns/{town}/services", state =>
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
            return new TownPlan<IReadOnlyList<ServiceEntry>>(services.ToList(), head, actions);
        }, cancellationToken);

    public Task<Written<IReadOnlyList<QaItem>>> ReplaceQaAsync(
        string town, Func<TownProfile, IReadOnlyList<QaItem>> build, WriteContext context, CancellationToken cancellationToken) =>
        _unit.WriteAsync(town, context, readRows: true, "qa.replace", $"towns/{town}/qa", state =>
        {
            var items = build(state.Profile);
            var actions = items
                .Select((item, index) => new TableTransactionAction(TableTransactionActionType.UpsertReplace, TownRows.QaEntity(town, index, item)))
                .ToList();
            var obsolete = state.Rows.Where(r =>
                r.RowKey.StartsWith(TownRows.QaPrefix, StringComparison.Ordinal)
                && string.CompareOrdinal(r.RowKey, TownRows.QaKey(items.Count)) >= 0);
            actions.AddRange(obsolete.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)));
            return new TownPlan<IReadOnlyList<QaItem>>(items, state.TouchedHead(), actions);
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
            var (replay, expiredRow) = await _replays.FindAsync(town, idempotency, cancellationToken).ConfigureAwait(false);
            if (replay is not null)
            {
                return replay;
            }

            expired = expiredRow;
        }

        var id = NewId();
        try
        {
            // The head counts the town's updates: the document rows are read only when the count is missing (a head written
            // before it) or reaches the cap, so that the write which adds the 201st update removes the oldest (API.md's cap).
            var written = await _unit.WriteAsync(town, context, readRows: false, "update.add", $"towns/{town}/updates/{id}", state =>
            {
                var (text, at) = build(state.Profile);
                var update = new TimelineUpdate(id, text, at);
                var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, TownRows.UpdateEntity(town, update)) };
                if (idempotency is not null)
                {
                    // A key older than the window starts afresh: its old row is replaced, conditional on its ETag, so
                    // of two concurrent first uses of an expired key one wins and the other answers as its replay.
                    actions.Add(expired is { } etag
                        ? new(TableTransactionActionType.UpdateReplace, TownReplays.Entity(town, idempotency, update), etag)
                        : new(TableTransactionActionType.Add, TownReplays.Entity(town, idempotency, update)));
                }

                var trimmed = OldestUpdatesBeyondCap(state.Rows).ToList();
                actions.AddRange(trimmed.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)));
                var head = state.TouchedHead();
                head[TownRows.UpdateCountColumn] = (state.RowsRead
                    ? state.Rows.Count(r => r.RowKey.StartsWith(TownRows.UpdatePrefix, StringComparison.Ordinal))
                    : TownRows.ReadUpdateCount(state.Head)!.Value) + 1 - trimmed.Count;
                return new TownPlan<AddedUpdate>(new AddedUpdate(update, Replayed: false), head, actions);
            }, cancellationToken, rowsWhen: head => TownRows.ReadUpdateCount(head) is not { } count || count + 1 > Limits.MaxUpdates).ConfigureAwait(false);
            return written;
        }
        catch (TableTransactionFailedException failed) when (failed.Status is 409 or 412 && failed.FailedTransactionActionIndex == 2 && idempotency is not null)
        {
            // A concurrent request with the same key won the race: answer as a replay of it.
            return (await _replays.FindAsync(town, idempotency, cancellationToken).ConfigureAwait(false)).Replay
                ?? throw new InvalidOperationException("Idempotency row vanished after a conflict.");
        }
    }

    public Task<string> DeleteUpdateAsync(string town, string updateId, WriteContext context, CancellationToken cancellationToken) =>
        DeleteRowAsync(town, TownRows.UpdateKey(updateId), "update.delete", $"towns/{town}/updates/{updateId}", $"Update '{updateId}' of town '{town}'", context, cancellationToken,
            head =>
            {
                // The transaction fails (404) unless the row exists, so the count may drop with it.
                if (TownRows.ReadUpdateCount(head) is { } count)
                {
                    head[TownRows.UpdateCountColumn] = Math.Max(0, count - 1);
                }
            });

    /// <summary>Creates or replaces an aid offer in the providing town's partition.</summary>
    public Task<Written<AidOffer>> PutAidAsync(
        string town, Func<TownProfile, AidOffer> build, WriteContext context, CancellationToken cancellationToken) =>
        _unit.WriteAsync(town, context, readRows: true, "aid.put", $"towns/{town}/aid", state =>
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

            return new TownPlan<AidOffer>(offer, state.TouchedHead(), [new(TableTransactionActionType.UpsertReplace, TownRows.AidEntity(town, offer))]);
        }, cancellationToken);

    public Task<string> DeleteAidAsync(string town, string offerId, WriteContext context, CancellationToken cancellationToken) =>
        DeleteRowAsync(town, TownRows.AidKey(offerId), "aid.delete", $"towns/{town}/aid/{offerId}", $"Aid offer '{offerId}' of town '{town}'", context, cancellationToken);

    /// <summary>Records in the receiving town's partition that it accepts one offer (replacing an earlier acceptance of it).</summary>
    public Task<Written<AidAcceptance>> AcceptAidAsync(
        string town, AidAcceptance acceptance, WriteContext context, CancellationToken cancellationToken) =>
        _unit.WriteAsync(town, context, readRows: false, "aid.accept", $"towns/{town}/accepted-aid/{acceptance.Provider}/{acceptance.OfferId}", state =>
            new TownPlan<AidAcceptance>(acceptance, state.TouchedHead(),
                [new(TableTransactionActionType.UpsertReplace, TownRows.AcceptedAidEntity(town, acceptance))]), cancellationToken);

    /// <summary>Withdraws the town's acceptance of one offer; 404 when there is none.</summary>
    public Task<string> WithdrawAidAsync(string town, string provider, string offerId, WriteContext context, CancellationToken cancellationToken) =>
        DeleteRowAsync(town, TownRows.AcceptedAidKey(provider, offerId), "aid.withdraw", $"towns/{town}/accepted-aid/{provider}/{offerId}",
            $"Acceptance of offer '{offerId}' of town '{provider}' by town '{town}'", context, cancellationToken);

    /// <summary>Deletes one row of the town's document; 404 (<see cref="ResourceNotFoundException"/>) when it does not exist.</summary>
    private async Task<string> DeleteRowAsync(
        string town, string rowKey, string operation, string resource, string description, WriteContext context, CancellationToken cancellationToken,
        Action<TableEntity>? adjustHead = null)
    {
        try
        {
            var written = await _unit.WriteAsync(town, context, readRows: false, operation, resource, state =>
            {
                var head = state.TouchedHead();
                adjustHead?.Invoke(head);
                return new TownPlan<bool>(true, head, [new(TableTransactionActionType.Delete, new TableEntity(town, rowKey), ETag.All)]);
            }, cancellationToken).ConfigureAwait(false);
            return written.ETag;
        }
        catch (TableTransactionFailedException failed) when (failed.Status == 404 && failed.FailedTransactionActionIndex == 1)
        {
            throw new ResourceNotFoundException(description);
        }
    }

    /// <summary>The hex SHA-256 of a request body, used to tell a replay from a reuse of the key.</summary>
    public static string HashBody(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

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

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
