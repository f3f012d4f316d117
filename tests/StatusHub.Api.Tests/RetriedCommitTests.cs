using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Core.Storage;
using StatusHub.Core.Subscriptions;

namespace StatusHub.Api.Tests;

/// <summary>
/// Under load a storage attempt can commit and still time out; the storage pipeline then sends the very same request
/// again. These tests send it again on Azurite, with no timing involved: the repeat must count as the success it is
/// (never a 409 or 412 that surfaces as a 500 or a false 412), and a row that is not this write's own must still conflict.
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

        await incidents.SetMembershipAsync(incident, [town], member: true, Writer, now, change, default);

        // What the pipeline's retry of that transaction sends: the same rows, the same audit row key.
        await incidents.SetMembershipAsync(incident, [town], member: true, Writer, now, change, default);

        Assert.True((await Storage.Towns.GetEntityAsync<TableEntity>(town, TownRows.IncidentPrefix + incident)).Value.GetBoolean("Member"));
        Assert.Equal(["incident.join"], await AuditOperations(town, $"incidents/{incident}"));

        // A change whose audit key holds a row that is not its own still fails, and writes nothing.
        var other = IncidentRepository.NewChangeId();
        await Storage.Towns.AddEntityAsync(new TableEntity(town, TownRows.AuditKey(now, other)) { ["Operation"] = "town.put", ["Resource"] = $"towns/{town}" });
        var conflict = await Assert.ThrowsAsync<TableTransactionFailedException>(
            () => incidents.SetMembershipAsync(incident, [town], member: false, Writer, now, other, default));
        Assert.Equal(409, conflict.Status);
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

        var first = await Storage.SubmitOnceAsync(Storage.Towns, actions, audit, default);
        Assert.NotNull(first);

        // The retry: 412 on the head (its ETag moved with our own commit), and the audit row is ours: done, nothing lost.
        Assert.Null(await Storage.SubmitOnceAsync(Storage.Towns, actions, audit, default));
        Assert.Equal(first![0].Headers.ETag, (await Storage.Towns.GetEntityAsync<TableEntity>(town, TownRows.Head)).Value.ETag);

        // A concurrent writer's 412 (our audit row not stored) stays a 412 for the caller's re-read or If-Match.
        var another = AuditRow(town);
        var lost = await Assert.ThrowsAsync<TableTransactionFailedException>(() => Storage.SubmitOnceAsync(
            Storage.Towns, [actions[0], new(TableTransactionActionType.Add, another)], another, default));
        Assert.Equal(412, lost.Status);
        Assert.Equal(["test.retry"], await AuditOperations(town, $"towns/{town}/test"));
    }

    [Fact]
    public async Task A_key_insert_repeated_after_its_commit_returns_the_stored_key()
    {
        var keys = app.Services.GetRequiredService<KeyRepository>();
        var (town, _) = await Towns.CreateWithKey(app);
        var key = new StoredKey(Towns.NewSlug("k"), KeyScope.Town, town, null, "retried", new string('a', 64), DateTimeOffset.UtcNow, null);

        var etag = await keys.CreateAsync(key, default);
        Assert.Equal(etag, await keys.CreateAsync(key, default));

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

        var etag = await subscriptions.CreateAsync(subscription, default);
        Assert.Equal(etag, await subscriptions.CreateAsync(subscription, default));

        var conflict = await Assert.ThrowsAsync<RequestFailedException>(() => subscriptions.CreateAsync(subscription with { Secret = "whsec-two" }, default));
        Assert.Equal(409, conflict.Status);
        Assert.Equal("whsec-one", (await subscriptions.ListAsync(subscription.Region, default)).Single().Secret);
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
}
