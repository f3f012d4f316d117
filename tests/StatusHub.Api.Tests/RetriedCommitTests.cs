using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Core.Storage;
using StatusHub.Core.Subscriptions;

namespace StatusHub.Api.Tests;

/// <summary>
/// Under load a storage attempt can commit and still time out; the storage pipeline then sends the very same request
/// again. These tests make the pipeline do that on Azurite, with no timing involved (a table client whose first answer is
/// lost on the way back, <see cref="LoseFirstPost"/>): the repeat must count as the success it is (never a 409 or 412 that
/// surfaces as a 500 or a false 412), and a row that is not this write's own must still conflict, on a retry and on the
/// first attempt (which does not read the row: no earlier attempt of its own can have committed).
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class RetriedCommitTests(StatusHubApp app)
{
    private static readonly Actor Writer = new("test", "test", "admin");

    private StatusHubStorage Storage => app.Services.GetRequiredService<StatusHubStorage>();

    [Fact]
    public async Task An_incident_membership_write_submitted_again_after_its_commit_counts_as_done()
    {
        var (town, _) = await Towns.CreateWithKey(app);
        var incidents = app.Services.GetRequiredService<IncidentRepository>();
        var incident = Towns.NewSlug("inc");
        var now = DateTimeOffset.UtcNow;
        var change = IncidentRepository.NewChangeId();

        // The transaction SetMembershipAsync sends (the membership row, the audit row with the change's key), its first
        // answer lost after the commit: the pipeline's retry meets 409 on the audit row, which is its own.
        var audit = TownRows.AuditEntity(town, TownRows.AuditKey(now, change), Writer, "incident.join", $"incidents/{incident}", now);
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpsertReplace, new TableEntity(town, TownRows.IncidentPrefix + incident) { ["Member"] = true, ["IncidentId"] = incident, ["At"] = now }),
            new(TableTransactionActionType.Add, audit),
        ];
        Assert.Null(await Storage.SubmitOnceAsync(Lossy(StatusHubStorage.TownsTable, afterSending: true), actions, audit, default));

        Assert.True((await Storage.Towns.GetEntityAsync<TableEntity>(town, TownRows.IncidentPrefix + incident)).Value.GetBoolean("Member"));
        Assert.Equal(["incident.join"], await AuditOperations(town, $"incidents/{incident}"));

        // A change whose audit key holds a row that is not its own still fails, and writes nothing: on the first attempt,
        // and on a retry (the first attempt lost before it reached storage), which reads the row and finds it foreign.
        var other = IncidentRepository.NewChangeId();
        await Storage.Towns.AddEntityAsync(new TableEntity(town, TownRows.AuditKey(now, other)) { ["Operation"] = "town.put", ["Resource"] = $"towns/{town}" });
        var conflict = await Assert.ThrowsAsync<TableTransactionFailedException>(
            () => incidents.SetMembershipAsync(incident, [town], member: false, Writer, now, other, default));
        Assert.Equal(409, conflict.Status);
        var leave = TownRows.AuditEntity(town, TownRows.AuditKey(now, other), Writer, "incident.leave", $"incidents/{incident}", now);
        var retried = await Assert.ThrowsAsync<TableTransactionFailedException>(() => Storage.SubmitOnceAsync(
            Lossy(StatusHubStorage.TownsTable, afterSending: false),
            [new(TableTransactionActionType.UpsertReplace, new TableEntity(town, TownRows.IncidentPrefix + incident) { ["Member"] = false }), new(TableTransactionActionType.Add, leave)],
            leave,
            default));
        Assert.Equal(409, retried.Status);
        Assert.True((await Storage.Towns.GetEntityAsync<TableEntity>(town, TownRows.IncidentPrefix + incident)).Value.GetBoolean("Member"));
    }

    [Fact]
    public async Task A_conditional_transaction_submitted_again_after_its_commit_is_recognised_by_its_audit_row()
    {
        // The shape of every town, incident and region write: the head replaced on its ETag, then the audit row.
        var (town, _) = await Towns.CreateWithKey(app);
        var head = (await Storage.Towns.GetEntityAsync<TableEntity>(town, TownRows.Head)).Value;
        var touched = new TableEntity(head) { ["UpdatedAt"] = DateTimeOffset.UtcNow };
        touched.Remove("odata.etag");
        touched.Remove("Timestamp");
        var audit = AuditRow(town);
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpdateReplace, touched, head.ETag),
            new(TableTransactionActionType.Add, audit),
        ];

        // The first answer is lost after the commit; the retry meets 412 on the head (its ETag moved with our own commit),
        // and the audit row is ours: done, nothing lost.
        Assert.Null(await Storage.SubmitOnceAsync(Lossy(StatusHubStorage.TownsTable, afterSending: true), actions, audit, default));
        var committed = (await Storage.Towns.GetEntityAsync<TableEntity>(town, TownRows.Head)).Value;
        Assert.NotEqual(head.ETag, committed.ETag);

        // A concurrent writer's 412 (our audit row not stored) stays a 412 for the caller's re-read or If-Match: on the
        // first attempt, and on a retry after a first attempt that never reached storage.
        var another = AuditRow(town);
        var lost = await Assert.ThrowsAsync<TableTransactionFailedException>(() => Storage.SubmitOnceAsync(
            Storage.Towns, [actions[0], new(TableTransactionActionType.Add, another)], another, default));
        Assert.Equal(412, lost.Status);
        var retried = await Assert.ThrowsAsync<TableTransactionFailedException>(() => Storage.SubmitOnceAsync(
            Lossy(StatusHubStorage.TownsTable, afterSending: false), [actions[0], new(TableTransactionActionType.Add, another)], another, default));
        Assert.Equal(412, retried.Status);
        Assert.Equal(committed.ETag, (await Storage.Towns.GetEntityAsync<TableEntity>(town, TownRows.Head)).Value.ETag);
        Assert.Equal(["test.retry"], await AuditOperations(town, $"towns/{town}/test"));
    }

    [Fact]
    public async Task A_key_insert_repeated_after_its_commit_returns_the_stored_key()
    {
        var keys = app.Services.GetRequiredService<KeyRepository>();
        var (town, _) = await Towns.CreateWithKey(app);
        var key = new StoredKey(Towns.NewSlug("k"), KeyScope.Town, town, null, "retried", new string('a', 64), DateTimeOffset.UtcNow, null);

        // The insert's first answer is lost after the commit: the retry's 409 finds the stored row, ours.
        var etag = await Storage.InsertOnceAsync(Lossy(StatusHubStorage.KeysTable, afterSending: true), KeyRepository.ToEntity(key), default);
        Assert.Equal((await Storage.Keys.GetEntityAsync<TableEntity>(KeyRepository.ToEntity(key).PartitionKey, key.Id)).Value.ETag.ToString(), etag);
        Assert.Equal(key.SecretHash, (await keys.FindAsync(key.Id, default))!.SecretHash);

        // Another key under the same id is a conflict, and the stored key stays.
        var conflict = await Assert.ThrowsAsync<RequestFailedException>(() => keys.CreateAsync(key with { SecretHash = new string('b', 64) }, default));
        Assert.Equal(409, conflict.Status);
        Assert.Equal(key.SecretHash, (await keys.FindAsync(key.Id, default))!.SecretHash);
    }

    [Fact]
    public async Task A_subscription_insert_repeated_after_its_commit_returns_the_stored_subscription()
    {
        var subscriptions = app.Services.GetRequiredService<SubscriptionStore>();
        var subscription = new Subscription(
            Towns.NewSlug("region"), Towns.NewSlug("sub"), new Uri("https://example.org/hook"), "whsec-one", DateTimeOffset.UtcNow,
            0, false, null, null, null, null, default);

        var etag = await Storage.InsertOnceAsync(Lossy(StatusHubStorage.SubscriptionsTable, afterSending: true), SubscriptionStore.ToEntity(subscription), default);
        Assert.Equal((await Storage.Subscriptions.GetEntityAsync<TableEntity>(subscription.Region, subscription.Id)).Value.ETag.ToString(), etag);

        var conflict = await Assert.ThrowsAsync<RequestFailedException>(() => subscriptions.CreateAsync(subscription with { Secret = "whsec-two" }, default));
        Assert.Equal(409, conflict.Status);
        Assert.Equal("whsec-one", (await subscriptions.ListAsync(subscription.Region, default)).Single().Secret);
    }

    /// <summary>
    /// A client of <paramref name="table"/> on the app's Azurite whose first insert or transaction (a POST) is lost, the way a
    /// timed-out attempt is: after it reached storage (<paramref name="afterSending"/>, so it committed) or before. The
    /// connection error is transient, so the storage pipeline sends the request again, as it does under load.
    /// </summary>
    private TableClient Lossy(string table, bool afterSending)
    {
        var options = new TableClientOptions();
        options.AddPolicy(new LoseFirstPost(afterSending), HttpPipelinePosition.PerRetry);
        options.Retry.MaxRetries = 0;
        return new TableClient(app.Azurite.ConnectionString, table, options);
    }

    private static TableEntity AuditRow(string town) =>
        new(town, TownRows.AuditKey(DateTimeOffset.UtcNow)) { ["Operation"] = "test.retry", ["Resource"] = $"towns/{town}/test" };

    private async Task<List<string>> AuditOperations(string town, string resource)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {town} and RowKey ge {TownRows.AuditPrefix} and RowKey lt {TownRows.AuditTo} and Resource eq {resource}");
        var operations = new List<string>();
        await foreach (var row in Storage.Towns.QueryAsync<TableEntity>(filter))
        {
            operations.Add(row.GetString("Operation") ?? "");
        }

        return operations;
    }

    /// <summary>Loses the first POST: throws a connection error before sending it, or after its answer arrived.</summary>
    private sealed class LoseFirstPost(bool afterSending) : HttpPipelinePolicy
    {
        private int _lost;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The storage calls under test are asynchronous.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var lose = message.Request.Method == RequestMethod.Post && Interlocked.Exchange(ref _lost, 1) == 0;
            if (lose && !afterSending)
            {
                throw new IOException("The connection broke before the request was sent.");
            }

            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            if (lose)
            {
                throw new IOException("The connection broke before the answer arrived.");
            }
        }
    }
}
