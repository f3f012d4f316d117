using Microsoft.Extensions.Options;
using StatusHub.Core.Errors;
using StatusHub.Core.Validation;

namespace StatusHub.Core.Subscriptions;

/// <summary>
/// A region's subscriptions as the API manages them (API.md "Subscriptions"): the rules of a new one under this hub's
/// options, at most <see cref="SubscriptionOptions.MaxPerRegion"/> per region, and the delivery outbox told of every change.
/// </summary>
public sealed class RegionSubscriptions(SubscriptionStore store, DeliveryOutbox outbox, IOptions<SubscriptionOptions> options, TimeProvider time)
{
    /// <summary>The URL and secret of a new subscription, checked (<see cref="Validator.Subscription"/>) under this hub's options.</summary>
    public SubscriptionTarget Validate(string? url, string? secret) => Validator.Subscription(url, secret, options.Value.AllowLoopbackHttp);

    /// <summary>Stores a new subscription of <paramref name="region"/> and its row's ETag; 409 when the region has the maximum.</summary>
    public async Task<(Subscription Subscription, string ETag)> CreateAsync(string region, SubscriptionTarget target, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxPerRegion;
        if ((await store.ListAsync(region, cancellationToken).ConfigureAwait(false)).Count >= max)
        {
            throw new LimitReachedException(
                $"Region '{region}' already has the maximum of {max} subscriptions: delete one (DELETE …/subscriptions/{{id}}) first.", "Too many subscriptions");
        }

        var subscription = new Subscription(region, Guid.NewGuid().ToString("N"), target.Url, target.Secret, time.GetUtcNow(),
            0, false, null, null, null, null, default);
        var etag = await store.CreateAsync(subscription, cancellationToken).ConfigureAwait(false);
        outbox.Invalidate(region);
        return (subscription, etag);
    }

    /// <summary>Every subscription of <paramref name="region"/> with its delivery state, oldest first.</summary>
    public Task<IReadOnlyList<Subscription>> ListAsync(string region, CancellationToken cancellationToken) => store.ListAsync(region, cancellationToken);

    /// <summary>Deletes a subscription; false when <paramref name="region"/> has none with <paramref name="id"/> (a malformed id included).</summary>
    public async Task<bool> DeleteAsync(string region, string id, string? ifMatch, CancellationToken cancellationToken)
    {
        if (!Validator.IsSubscriptionId(id) || !await store.DeleteAsync(region, id, ifMatch, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        outbox.Invalidate(region);
        return true;
    }
}
