using Azure;
using Azure.Data.Tables;
using StatusHub.Core.Errors;
using StatusHub.Core.Storage;

namespace StatusHub.Core.Subscriptions;

/// <summary>A region's subscription as stored, with its delivery state. <see cref="Secret"/> is never returned or logged.</summary>
public sealed record Subscription(
    string Region,
    string Id,
    Uri Url,
    string Secret,
    DateTimeOffset CreatedAt,
    int FailureCount,
    bool Disabled,
    DateTimeOffset? DisabledAt,
    DateTimeOffset? LastDeliveryAt,
    int? LastStatus,
    string? LastError,
    ETag ETag);

/// <summary>The outcome of the deliveries to one subscription in one run.</summary>
public sealed record DeliveryOutcome(bool Succeeded, int? Status, string? Error, DateTimeOffset At);

/// <summary>Subscriptions in <see cref="StatusHubStorage.SubscriptionsTable"/>: partition = region, row = subscription id.</summary>
public sealed class SubscriptionStore(StatusHubStorage storage)
{
    /// <summary>Every subscription of <paramref name="region"/>, disabled ones included, oldest first (one query).</summary>
    public Task<IReadOnlyList<Subscription>> ListAsync(string region, CancellationToken cancellationToken) =>
        storage.RunAsync<IReadOnlyList<Subscription>>(async token =>
        {
            var list = new List<Subscription>();
            var query = storage.Subscriptions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {region}"), cancellationToken: token);
            await foreach (var entity in query.ConfigureAwait(false))
            {
                list.Add(FromEntity(entity));
            }

            return list.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
        }, cancellationToken);

    /// <summary>
    /// Stores a new subscription; returns its row's ETag. An insert repeated by the storage pipeline after an attempt that
    /// committed finds its own row and succeeds (<see cref="StatusHubStorage.InsertOnceAsync"/>).
    /// </summary>
    public Task<string> CreateAsync(Subscription subscription, CancellationToken cancellationToken) =>
        storage.InsertOnceAsync(storage.Subscriptions, ToEntity(subscription), cancellationToken);

    /// <summary>
    /// Deletes the subscription; false when there is none. With <paramref name="ifMatch"/> its row must still match it
    /// (<see cref="EntityTags.Matches"/>), else 412.
    /// </summary>
    public Task<bool> DeleteAsync(string region, string id, string? ifMatch, CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            var condition = ETag.All;
            if (ifMatch is not null)
            {
                var stored = await storage.Subscriptions.GetEntityIfExistsAsync<TableEntity>(region, id, ["Url"], token).ConfigureAwait(false);
                if (!stored.HasValue || stored.Value is null)
                {
                    return false;
                }

                condition = stored.Value.ETag;
                if (!EntityTags.Matches(ifMatch, condition.ToString()))
                {
                    throw new PreconditionFailedException(EntityTags.Strong(condition.ToString()));
                }
            }

            try
            {
                var response = await storage.Subscriptions.DeleteEntityAsync(region, id, condition, token).ConfigureAwait(false);
                return response.Status != 404;
            }
            catch (RequestFailedException failed) when (failed.Status == 412)
            {
                throw new PreconditionFailedException("");
            }
        }, cancellationToken);

    /// <summary>
    /// Records a run's outcome: success resets the failure count; a failure adds one and disables the subscription
    /// at <paramref name="disableAfter"/>. A replace guarded by the ETag read, re-read once on a conflict; a deleted
    /// subscription is left deleted. Returns the state written, or null when the subscription is gone.
    /// </summary>
    public Task<Subscription?> RecordAsync(Subscription subscription, DeliveryOutcome outcome, int disableAfter, CancellationToken cancellationToken) =>
        storage.RunAsync(async token =>
        {
            var current = subscription;
            for (var attempt = 0; ; attempt++)
            {
                var next = Apply(current, outcome, disableAfter);
                var entity = ToEntity(next);
                try
                {
                    await storage.Subscriptions.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, token).ConfigureAwait(false);
                    return next;
                }
                catch (RequestFailedException failed) when (failed.Status == 404)
                {
                    return null;
                }
                catch (RequestFailedException failed) when (failed.Status == 412 && attempt == 0)
                {
                    var response = await storage.Subscriptions.GetEntityIfExistsAsync<TableEntity>(current.Region, current.Id, cancellationToken: token)
                        .ConfigureAwait(false);
                    if (!response.HasValue || response.Value is null)
                    {
                        return null;
                    }

                    current = FromEntity(response.Value);
                }
            }
        }, cancellationToken);

    private static Subscription Apply(Subscription current, DeliveryOutcome outcome, int disableAfter)
    {
        if (outcome.Succeeded)
        {
            return current with { FailureCount = 0, LastDeliveryAt = outcome.At, LastStatus = outcome.Status, LastError = null };
        }

        var failures = current.FailureCount + 1;
        var disable = current.Disabled || failures >= Math.Max(1, disableAfter);
        return current with
        {
            FailureCount = failures,
            Disabled = disable,
            DisabledAt = current.DisabledAt ?? (disable ? outcome.At : null),
            LastDeliveryAt = outcome.At,
            LastStatus = outcome.Status,
            LastError = outcome.Error,
        };
    }

    // Replace, not merge: a merge cannot clear a property (LastError after a success).
    internal static TableEntity ToEntity(Subscription s) => new(s.Region, s.Id)
    {
        ["Url"] = s.Url.AbsoluteUri,
        ["Secret"] = s.Secret,
        ["CreatedAt"] = s.CreatedAt,
        ["FailureCount"] = s.FailureCount,
        ["Disabled"] = s.Disabled,
        ["DisabledAt"] = s.DisabledAt,
        ["LastDeliveryAt"] = s.LastDeliveryAt,
        ["LastStatus"] = s.LastStatus,
        ["LastError"] = s.LastError,
    };

    private static Subscription FromEntity(TableEntity entity) => new(
        entity.PartitionKey,
        entity.RowKey,
        new Uri(entity.GetString("Url") ?? "https://invalid.invalid/", UriKind.Absolute),
        entity.GetString("Secret") ?? "",
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.UnixEpoch,
        entity.GetInt32("FailureCount") ?? 0,
        entity.GetBoolean("Disabled") ?? false,
        entity.GetDateTimeOffset("DisabledAt"),
        entity.GetDateTimeOffset("LastDeliveryAt"),
        entity.GetInt32("LastStatus"),
        entity.GetString("LastError"),
        entity.ETag);
}
