using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using StatusHub.Core.Documents;
using StatusHub.Core.Domain;
using StatusHub.Core.Errors;

namespace StatusHub.Core.Storage;

/// <summary>
/// A shared incident as stored, with its ETag (its version, <c>"v{n}"</c>) and the head row's Table ETag as read
/// (<see cref="StoredETag"/>, for the renderer's conditional clearing of the dirty state).
/// </summary>
public sealed record StoredIncident(IncidentDocument Document, string ETag)
{
    public string StoredETag { get; init; } = "";
}

/// <summary>One row of <c>GET /api/v1/incidents</c>: what a list needs; the whole incident is one <c>GET</c> away.</summary>
public sealed record IncidentListItem(string Id, LocalizedText Title, DateTimeOffset StartedAt, DateTimeOffset? ResolvedAt, string? MoreInfoUrl, int TownCount);

/// <summary>
/// Shared incidents in <see cref="StatusHubStorage.IncidentsTable"/>. One partition per incident holds its head row
/// <c>d|incident</c> (title, summary, member towns, times, link), its timeline <c>d|upd|{id}</c> (at most
/// <see cref="Limits.MaxUpdates"/>, as a town's), its idempotency rows <c>i|{hash}</c> and its audit rows
/// <c>a|{inverted ticks}|{guid}</c>: the incident is one range query, and every write is one entity-group transaction of
/// the head (conditional on its Table ETag, so concurrent writers cannot both win; version + 1 and dirty, as a town's head),
/// the changed rows and an audit row with that version. The incident's ETag is its version, <c>"v{n}"</c>. One render
/// marker for the incident, however many member towns it has, is written before the transaction when the head is clean,
/// and the <c>_list</c> row before the head too: nothing follows the commit (docs/storage.md, "Shared incidents").
/// <para>
/// So that a town's render finds its incidents without looking at any other, each member town's partition holds a
/// membership row <c>d|inc|{incident}</c> (read with the town's document, no extra query), written only when the town
/// list changes, with an audit row in the town's partition (a town's audit shows who added it to an incident). Those rows
/// are written before the head: a change interrupted between the two leaves a row that the incident's own town list
/// contradicts, and a row counts only while the incident names the town (<see cref="IncidentSelection.ForTown"/>); the
/// retried write completes it.
/// </para>
/// </summary>
public sealed class IncidentRepository(StatusHubStorage storage, RenderMarkers markers, TimeProvider time, ILogger<IncidentRepository> logger)
{
    /// <summary>The partition of the list rows; '_' is never part of a slug, so no incident can be called that.</summary>
    public const string ListPartition = "_list";

    private const string Head = "d|incident";
    private const string DocumentFrom = "d|";
    private const string DocumentTo = "d}";
    private const int MaxContentionAttempts = 5;
    private const int MaxTrimPerWrite = 80;
    private const int MembershipParallelism = 16;

    /// <summary>The incident with its timeline (newest first), or null.</summary>
    public async Task<StoredIncident?> GetAsync(string incident, CancellationToken cancellationToken) =>
        await ReadRowsAsync(incident, cancellationToken).ConfigureAwait(false) is { } rows ? ToStored(rows.Head, rows.Rows) : null;

    /// <summary>Several incidents, each one range query; those that do not exist are left out.</summary>
    public async Task<IReadOnlyList<IncidentDocument>> GetManyAsync(IEnumerable<string> incidents, CancellationToken cancellationToken)
    {
        var found = new System.Collections.Concurrent.ConcurrentBag<IncidentDocument>();
        await Parallel.ForEachAsync(
            incidents.Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (incident, token) =>
            {
                if (await GetAsync(incident, token).ConfigureAwait(false) is { } stored)
                {
                    found.Add(stored.Document);
                }
            }).ConfigureAwait(false);
        return found.OrderBy(i => i.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The member towns of a stored incident, or null when it does not exist (one point read of the head row).</summary>
    public async Task<IReadOnlyList<string>?> GetTownsAsync(string incident, CancellationToken cancellationToken) =>
        await ReadHeadAsync(incident, cancellationToken).ConfigureAwait(false) is { } head ? TownRows.ReadList(head, "Towns") : null;

    /// <summary>
    /// Open incidents (latest start first), then those resolved within <see cref="IncidentSelection.ShownAfterResolution"/>
    /// (latest resolution first): one query of the list partition, one row per incident.
    /// </summary>
    public Task<IReadOnlyList<IncidentListItem>> ListAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        storage.RunAsync<IReadOnlyList<IncidentListItem>>(async token =>
        {
            var items = new List<IncidentListItem>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ListPartition}");
            await foreach (var row in storage.Incidents.QueryAsync<TableEntity>(filter, cancellationToken: token).ConfigureAwait(false))
            {
                var item = new IncidentListItem(
                    row.RowKey,
                    TownRows.ReadText(row, "Title"),
                    row.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.UnixEpoch,
                    row.GetDateTimeOffset("ResolvedAt"),
                    row.GetString("MoreInfoUrl"),
                    row.GetInt32("TownCount") ?? 0);
                if (IncidentSelection.IsShown(item.ResolvedAt, now))
                {
                    items.Add(item);
                }
            }

            return items.OrderBy(i => i.ResolvedAt is null ? 0 : 1).ThenByDescending(i => i.ResolvedAt ?? i.StartedAt)
                .ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
        }, cancellationToken);

    /// <summary>
    /// Creates or replaces an incident (its timeline is kept). <paramref name="mayWrite"/> decides on the stored member
    /// towns of an existing incident (a provider key must own all of them too); false is
    /// <see cref="IncidentAccessDeniedException"/> before anything is written. With <see cref="WriteContext.IfMatch"/> the
    /// stored head must have that ETag (<c>*</c>: any), and an incident that does not exist has none (412).
    /// </summary>
    public async Task<Written<(IncidentDocument Incident, bool Created)>> PutAsync(
        IncidentDefinition incident, WriteContext context, Func<IReadOnlyList<string>, bool> mayWrite, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxContentionAttempts; attempt++)
        {
            var stored = await ReadRowsAsync(incident.Id, cancellationToken).ConfigureAwait(false);
            var storedTag = stored is { } read ? TownRows.VersionTag(read.Head) : null;
            if (context.IfMatch is { } ifMatch && (storedTag is null || !EntityTags.Matches(ifMatch, storedTag)))
            {
                throw new PreconditionFailedException(storedTag ?? "");
            }

            var before = stored is { } s ? TownRows.ReadList(s.Head, "Towns") : [];
            if (stored is not null && !mayWrite(before))
            {
                throw new IncidentAccessDeniedException($"Incident '{incident.Id}' has member towns outside this key's towns.");
            }

            var now = time.GetUtcNow();
            var change = NewChangeId();
            var joined = incident.Towns.Except(before, StringComparer.Ordinal).ToList();
            var left = before.Except(incident.Towns, StringComparer.Ordinal).ToList();
            await SetMembershipAsync(incident.Id, joined, member: true, context.Actor, now, change, cancellationToken).ConfigureAwait(false);
            await SetMembershipAsync(incident.Id, left, member: false, context.Actor, now, change, cancellationToken).ConfigureAwait(false);

            // A town that left drops the incident as soon as its row says so (a town counts only its member rows), so its
            // marker goes now, before the head: a fault after the commit cannot leave its page showing the incident.
            await Task.WhenAll(left.Select(town => markers.MarkTownAsync(town, cancellationToken))).ConfigureAwait(false);

            var created = stored is null;

            // Before the head, as the membership rows: the incident's marker (when the head is clean: a dirty head has one the
            // renderer has not deleted), then its list row. A list row ahead of a head that never commits is the retried
            // write's, or is set back by this write's 412 below, or deleted by the renderer when the incident does not exist.
            await MarkIfCleanAsync(incident.Id, stored?.Head, cancellationToken).ConfigureAwait(false);
            await WriteListRowAsync(incident, cancellationToken).ConfigureAwait(false);

            var version = (stored is { } previous ? TownRows.ReadVersion(previous.Head) : 0) + 1;
            var head = HeadEntity(incident, created ? now : stored!.Value.Head.GetDateTimeOffset("CreatedAt") ?? now, now);
            TownRows.Advance(head, version);
            TableTransactionAction[] actions =
            [
                created ? new(TableTransactionActionType.Add, head) : new(TableTransactionActionType.UpdateReplace, head, stored!.Value.Head.ETag),
                new(TableTransactionActionType.Add, AuditEntity(incident.Id, context.Actor, created ? "incident.create" : "incident.put", $"incidents/{incident.Id}", now, version)),
            ];
            try
            {
                await SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
                var etag = TownRows.VersionTag(version);
                logger.LogInformation("Incident {Incident} {Operation} by key {KeyId}: {Towns} towns, {Joined} joined, {Left} left",
                    incident.Id, created ? "created" : "replaced", context.Actor.KeyId, incident.Towns.Count, joined.Count, left.Count);
                var updates = stored is { } had ? ReadUpdates(had.Rows) : [];
                return new Written<(IncidentDocument, bool)>((ToDocument(incident, updates), created), etag);
            }
            catch (TableTransactionFailedException failed) when (failed.FailedTransactionActionIndex == 0 && failed.Status is 409 or 412)
            {
                // The renderer's clearing of the dirty state moved the head's Table ETag, not its version: go round. A
                // concurrent write moved the version: with the caller's If-Match that is its 412.
                var currentHead = await ReadHeadAsync(incident.Id, cancellationToken).ConfigureAwait(false);
                if (context.IfMatch is { } lost && (currentHead is null || !EntityTags.Matches(lost, TownRows.VersionTag(currentHead))))
                {
                    // The caller's version lost: towns this write took out but the winner still lists get their row back,
                    // and the list row the winner's again.
                    var current = currentHead is null ? [] : TownRows.ReadList(currentHead, "Towns");
                    var restored = left.Intersect(current, StringComparer.Ordinal).ToList();
                    await SetMembershipAsync(incident.Id, restored, member: true, actor: null, now, change, cancellationToken).ConfigureAwait(false);
                    await Task.WhenAll(restored.Select(town => markers.MarkTownAsync(town, cancellationToken))).ConfigureAwait(false);
                    await RestoreListRowAsync(incident.Id, currentHead, cancellationToken).ConfigureAwait(false);
                    throw new PreconditionFailedException("");
                }

                logger.LogInformation("Concurrent write on incident {Incident}; attempt {Attempt} re-reads and retries", incident.Id, attempt);
            }
        }

        throw Contention(incident.Id);
    }

    /// <summary>
    /// Appends a timeline update (the write that adds the 201st removes the oldest). With an idempotency token the token
    /// row is inserted in the same transaction, so of any number of concurrent replays exactly one stores the update; a
    /// replay answers the first update, the same key with another body is <see cref="IdempotencyConflictException"/>.
    /// </summary>
    public async Task<Written<AddedUpdate>> AddUpdateAsync(
        string incident,
        LocalizedText text,
        DateTimeOffset at,
        IdempotencyToken? idempotency,
        WriteContext context,
        Func<IReadOnlyList<string>, bool> mayWrite,
        CancellationToken cancellationToken)
    {
        var expired = default(ETag?);
        if (idempotency is not null)
        {
            var (replay, expiredRow) = await ReplayAsync(incident, idempotency, mayWrite, cancellationToken).ConfigureAwait(false);
            if (replay is not null)
            {
                return replay;
            }

            expired = expiredRow;
        }

        var update = new TimelineUpdate(NewId(), text, at);
        try
        {
            return await WriteAsync(incident, context, mayWrite, "update.add", $"incidents/{incident}/updates/{update.Id}", rows =>
            {
                var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, TownRows.UpdateEntity(incident, update)) };
                if (idempotency is not null)
                {
                    actions.Add(expired is { } etag
                        ? new(TableTransactionActionType.UpdateReplace, IdempotencyEntity(incident, idempotency, update), etag)
                        : new(TableTransactionActionType.Add, IdempotencyEntity(incident, idempotency, update)));
                }

                actions.AddRange(OldestUpdatesBeyondCap(rows).Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)));
                return (new AddedUpdate(update, Replayed: false), actions);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException failed) when (failed.Status is 409 or 412 && failed.FailedTransactionActionIndex == 2 && idempotency is not null)
        {
            // A concurrent request with the same key won the race: answer as a replay of it.
            return (await ReplayAsync(incident, idempotency, mayWrite, cancellationToken).ConfigureAwait(false)).Replay
                ?? throw new InvalidOperationException("Idempotency row vanished after a conflict.");
        }
    }

    /// <summary>Deletes one timeline update; <see cref="ResourceNotFoundException"/> when the incident or the update does not exist.</summary>
    public async Task<string> DeleteUpdateAsync(
        string incident, string updateId, WriteContext context, Func<IReadOnlyList<string>, bool> mayWrite, CancellationToken cancellationToken)
    {
        try
        {
            var written = await WriteAsync(incident, context, mayWrite, "update.delete", $"incidents/{incident}/updates/{updateId}", _ =>
                (true, new List<TableTransactionAction> { new(TableTransactionActionType.Delete, new TableEntity(incident, TownRows.UpdateKey(updateId)), ETag.All) }),
                cancellationToken).ConfigureAwait(false);
            return written.ETag;
        }
        catch (TableTransactionFailedException failed) when (failed.Status == 404 && failed.FailedTransactionActionIndex == 1)
        {
            throw new ResourceNotFoundException($"Update '{updateId}' of incident '{incident}'");
        }
    }

    /// <summary>The hex SHA-256 of a request body, used to tell a replay from a reuse of the key.</summary>
    public static string HashBody(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    private async Task<Written<T>> WriteAsync<T>(
        string incident,
        WriteContext context,
        Func<IReadOnlyList<string>, bool> mayWrite,
        string operation,
        string resource,
        Func<IReadOnlyList<TableEntity>, (T Result, List<TableTransactionAction> Actions)> plan,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxContentionAttempts; attempt++)
        {
            var (head, rows) = await ReadRowsAsync(incident, cancellationToken).ConfigureAwait(false)
                ?? throw new ResourceNotFoundException($"Incident '{incident}'");
            if (!mayWrite(TownRows.ReadList(head, "Towns")))
            {
                throw new IncidentAccessDeniedException($"Incident '{incident}' has member towns outside this key's towns.");
            }

            if (context.IfMatch is { } ifMatch && !EntityTags.Matches(ifMatch, TownRows.VersionTag(head)))
            {
                throw new PreconditionFailedException(TownRows.VersionTag(head));
            }

            var now = time.GetUtcNow();
            var (result, planned) = plan(rows);
            var version = TownRows.ReadVersion(head) + 1;
            var touched = new TableEntity(head) { ["UpdatedAt"] = now };
            touched.Remove("odata.etag");
            touched.Remove("Timestamp");
            TownRows.Advance(touched, version);
            var actions = new List<TableTransactionAction>(planned.Count + 2) { new(TableTransactionActionType.UpdateReplace, touched, head.ETag) };
            actions.AddRange(planned);
            actions.Add(new(TableTransactionActionType.Add, AuditEntity(incident, context.Actor, operation, resource, now, version)));

            // The marker before the transaction, when the head is clean (a dirty head has one the renderer has not deleted).
            await MarkIfCleanAsync(incident, head, cancellationToken).ConfigureAwait(false);
            try
            {
                await SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
                return new Written<T>(result, TownRows.VersionTag(version));
            }
            catch (TableTransactionFailedException failed) when (failed.FailedTransactionActionIndex == 0 && failed.Status == 412)
            {
                // A concurrent write or the renderer's clear moved the head: read again and go round; a caller's If-Match
                // is judged against the version read then (a clear keeps it, a write moves it).
                logger.LogInformation("Concurrent write on incident {Incident}; attempt {Attempt} re-reads and retries", incident, attempt);
            }
        }

        throw Contention(incident);
    }

    /// <summary>
    /// Commits the transaction, whose last action inserts its audit row (a key of its own: time and a fresh id), so that a
    /// retry of an attempt that committed but whose answer was lost is recognised as that commit
    /// (<see cref="StatusHubStorage.SubmitOnceAsync"/>); returns the head row's new ETag.
    /// </summary>
    private Task SubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken) =>
        storage.SubmitOnceAsync(storage.Incidents, actions, (TableEntity)actions[^1].Entity, cancellationToken);

    private Task MarkIfCleanAsync(string incident, TableEntity? head, CancellationToken cancellationToken) =>
        head is not null && TownRows.IsDirty(head) ? Task.CompletedTask : markers.MarkIncidentAsync(incident, cancellationToken);

    private Task WriteListRowAsync(IncidentDefinition incident, CancellationToken cancellationToken) =>
        storage.RunAsync(token => storage.Incidents.UpsertEntityAsync(ListEntity(incident), TableUpdateMode.Replace, token), cancellationToken);

    /// <summary>The list row as the stored head has it (deleted when there is no head): after a write that did not commit.</summary>
    private Task RestoreListRowAsync(string incident, TableEntity? head, CancellationToken cancellationToken) =>
        head is not null
            ? WriteListRowAsync(ReadDefinition(head), cancellationToken)
            : storage.RunAsync(async token =>
            {
                try
                {
                    await storage.Incidents.DeleteEntityAsync(ListPartition, incident, ETag.All, token).ConfigureAwait(false);
                }
                catch (RequestFailedException failed) when (failed.Status == 404)
                {
                    // Never listed.
                }
            }, cancellationToken);

    /// <summary>
    /// The renderer's end of an incident marker, before it deletes the marker (docs/storage.md, "Shared incidents").
    /// For an incident the render read: its list row is inserted if missing (never replacing a write's newer one), then
    /// the head's dirty state is cleared, a merge conditional on <see cref="StoredIncident.StoredETag"/>; false (the marker
    /// stays) when a write committed since. For an incident that did not exist (a create that never committed): its list
    /// row is deleted, and false if the incident exists by now (created meanwhile: the next tick lists it).
    /// </summary>
    public async Task<bool> SettleRenderedAsync(string incident, StoredIncident? rendered, CancellationToken cancellationToken)
    {
        if (rendered is null)
        {
            await RestoreListRowAsync(incident, null, cancellationToken).ConfigureAwait(false);
            return await ReadHeadAsync(incident, cancellationToken).ConfigureAwait(false) is null;
        }

        var document = rendered.Document;
        var listed = ListEntity(new IncidentDefinition(
            document.Id, document.Title, document.Summary, document.Towns, document.StartedAt, document.ResolvedAt, document.MoreInfoUrl));
        return await storage.RunAsync(async token =>
        {
            try
            {
                await storage.Incidents.AddEntityAsync(listed, token).ConfigureAwait(false);
            }
            catch (RequestFailedException failed) when (failed.Status == 409)
            {
                // Listed, by the write itself (always before its head).
            }

            // False (412) when a write committed after the tick read the head: it keeps the marker and is rendered next tick.
            return await DirtyFlag.TryClearAsync(storage.Incidents, incident, Head, rendered.StoredETag, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the membership row of <paramref name="incident"/> in each town's partition (a member, or a town that left),
    /// each with an audit row in the same transaction when <paramref name="actor"/> is given. The audit row's key is the
    /// change's (<paramref name="now"/> and <paramref name="change"/>), so the transaction may be submitted again: a retry
    /// of an attempt that committed finds that row and counts as done (<see cref="StatusHubStorage.SubmitOnceAsync"/>).
    /// </summary>
    internal Task SetMembershipAsync(
        string incident, IReadOnlyList<string> towns, bool member, Actor? actor, DateTimeOffset now, string change, CancellationToken cancellationToken) =>
        towns.Count == 0
            ? Task.CompletedTask
            : Parallel.ForEachAsync(
                towns,
                new ParallelOptions { MaxDegreeOfParallelism = MembershipParallelism, CancellationToken = cancellationToken },
                async (town, token) =>
                {
                    var row = new TableEntity(town, TownRows.IncidentPrefix + incident) { ["Member"] = member, ["IncidentId"] = incident, ["At"] = now };
                    var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpsertReplace, row) };
                    if (actor is null)
                    {
                        // The upsert alone: repeating it is harmless.
                        await storage.RunAsync(t => storage.Towns.SubmitTransactionAsync(actions, t), token).ConfigureAwait(false);
                        return;
                    }

                    var audit = TownRows.AuditEntity(
                        town, TownRows.AuditKey(now, change), actor, member ? "incident.join" : "incident.leave", $"incidents/{incident}", now);
                    actions.Add(new(TableTransactionActionType.Add, audit));
                    await storage.SubmitOnceAsync(storage.Towns, actions, audit, token).ConfigureAwait(false);
                });

    private async Task<(Written<AddedUpdate>? Replay, ETag? Expired)> ReplayAsync(
        string incident, IdempotencyToken token, Func<IReadOnlyList<string>, bool> mayWrite, CancellationToken cancellationToken)
    {
        // The caller's right is checked before a replay answers, so a key learns nothing of incidents it may not write.
        var head = await ReadHeadAsync(incident, cancellationToken).ConfigureAwait(false)
            ?? throw new ResourceNotFoundException($"Incident '{incident}'");
        if (!mayWrite(TownRows.ReadList(head, "Towns")))
        {
            throw new IncidentAccessDeniedException($"Incident '{incident}' has member towns outside this key's towns.");
        }

        var (row, expired) = await IdempotencyRows.FindAsync(storage, storage.Incidents, incident, token, time, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return (null, expired);
        }

        return (new Written<AddedUpdate>(new AddedUpdate(TownRows.ReadUpdate(row), Replayed: true), TownRows.VersionTag(head)), null);
    }

    private static IEnumerable<TableEntity> OldestUpdatesBeyondCap(IReadOnlyList<TableEntity> rows)
    {
        var updates = rows.Where(r => r.RowKey.StartsWith(TownRows.UpdatePrefix, StringComparison.Ordinal)).ToList();
        var excess = Math.Min(updates.Count + 1 - Limits.MaxUpdates, MaxTrimPerWrite);
        return excess <= 0
            ? []
            : updates.OrderBy(r => r.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue).ThenBy(r => r.RowKey, StringComparer.Ordinal).Take(excess);
    }

    private Task<TableEntity?> ReadHeadAsync(string incident, CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            var response = await storage.Incidents.GetEntityIfExistsAsync<TableEntity>(incident, Head, cancellationToken: token).ConfigureAwait(false);
            return response.HasValue ? response.Value : null;
        }, cancellationToken);

    private Task<(TableEntity Head, IReadOnlyList<TableEntity> Rows)?> ReadRowsAsync(string incident, CancellationToken cancellationToken) =>
        storage.RunAsync<(TableEntity, IReadOnlyList<TableEntity>)?>(async token =>
        {
            var rows = new List<TableEntity>();
            TableEntity? head = null;
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {incident} and RowKey ge {DocumentFrom} and RowKey lt {DocumentTo}");
            await foreach (var row in storage.Incidents.QueryAsync<TableEntity>(filter, cancellationToken: token).ConfigureAwait(false))
            {
                if (row.RowKey == Head)
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

    private static StoredIncident ToStored(TableEntity head, IReadOnlyList<TableEntity> rows) =>
        new(ToDocument(ReadDefinition(head), ReadUpdates(rows)), TownRows.VersionTag(head)) { StoredETag = head.ETag.ToString() };

    private static IncidentDocument ToDocument(IncidentDefinition incident, IReadOnlyList<TimelineUpdate> updates) =>
        new(incident.Id, incident.Title, incident.Summary, incident.Towns, incident.StartedAt, incident.ResolvedAt, incident.MoreInfoUrl, updates);

    private static IReadOnlyList<TimelineUpdate> ReadUpdates(IReadOnlyList<TableEntity> rows) =>
        rows.Where(r => r.RowKey.StartsWith(TownRows.UpdatePrefix, StringComparison.Ordinal))
            .Select(TownRows.ReadUpdate)
            .OrderByDescending(u => u.At)
            .ThenByDescending(u => u.Id, StringComparer.Ordinal)
            .ToList();

    private static IncidentDefinition ReadDefinition(TableEntity head) => new(
        head.PartitionKey,
        TownRows.ReadText(head, "Title"),
        TownRows.ReadText(head, "Summary"),
        TownRows.ReadList(head, "Towns"),
        head.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.UnixEpoch,
        head.GetDateTimeOffset("ResolvedAt"),
        head.GetString("MoreInfoUrl"));

    private static TableEntity HeadEntity(IncidentDefinition incident, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        var entity = new TableEntity(incident.Id, Head)
        {
            ["StartedAt"] = incident.StartedAt,
            ["ResolvedAt"] = incident.ResolvedAt,
            ["MoreInfoUrl"] = incident.MoreInfoUrl,
            ["CreatedAt"] = createdAt,
            ["UpdatedAt"] = updatedAt,
        };
        TownRows.WriteText(entity, "Title", incident.Title);
        TownRows.WriteText(entity, "Summary", incident.Summary);
        TownRows.WriteList(entity, "Towns", incident.Towns);
        return entity;
    }

    private static TableEntity ListEntity(IncidentDefinition incident)
    {
        var entity = new TableEntity(ListPartition, incident.Id)
        {
            ["StartedAt"] = incident.StartedAt,
            ["ResolvedAt"] = incident.ResolvedAt,
            ["MoreInfoUrl"] = incident.MoreInfoUrl,
            ["TownCount"] = incident.Towns.Count,
        };
        TownRows.WriteText(entity, "Title", incident.Title);
        return entity;
    }

    private static TableEntity IdempotencyEntity(string incident, IdempotencyToken token, TimelineUpdate update) =>
        IdempotencyRows.From(TownRows.UpdateEntity(incident, update), token);

    // Newest first within the incident, as in a town's audit trail.
    private static TableEntity AuditEntity(string incident, Actor actor, string operation, string resource, DateTimeOffset at, long version)
    {
        var row = TownRows.AuditEntity(incident, TownRows.AuditKey(at), actor, operation, resource, at);
        row[TownRows.VersionColumn] = version;
        return row;
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>The id of one attempt of a <c>PUT</c>: the last part of the key of each audit row it writes in a member town.</summary>
    internal static string NewChangeId() => Guid.NewGuid().ToString("N");

    private static StorageUnavailableException Contention(string incident) =>
        new(TimeSpan.FromSeconds(1), new InvalidOperationException($"Incident {incident} kept changing during {MaxContentionAttempts} attempts."));
}
