using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace StatusHub.Core.Subscriptions;

/// <summary>What one delivery run did.</summary>
public sealed record DeliveryRunResult(int Towns, int Delivered, int Failed, int Skipped, long ElapsedMs);

/// <summary>
/// Delivers the outbox: reads the pending towns (one query), the <c>status.json</c> the render job published for each (from
/// its outbox row, never from <c>$web</c>), and POSTs
/// it to every active subscription of the town's region, signed (<see cref="WebhookSignature"/>), with a delivery id
/// per change and subscriber that stays the same across retries. The named HTTP client retries with exponential back-off
/// and jitter (<see cref="DeliveryRetries"/>) and connects to public addresses only (<see cref="PublicAddressConnector"/>);
/// a delivery that still fails counts one failure, and the subscription's other deliveries of that run are skipped
/// (the next change of a town sends its full document again). Subscribers are served in parallel (bounded), so one slow
/// subscriber delays no other, and nothing here runs inside publishing or rendering. Each outbox row is removed with
/// the ETag it was read with: a change during the run is delivered by the next run. Never logs a secret or a body.
/// </summary>
public sealed class SubscriptionDispatcher : IDisposable
{
    public const string HttpClientName = "StatusHub.Subscriptions";

    public const string DeliveryHeader = "X-StatusHub-Delivery";

    public const string EventHeader = "X-StatusHub-Event";

    public const string TownChangedEvent = "town.changed";

    public const string UserAgent = "StatusHub-Delivery/1.0";

    private readonly DeliveryOutbox _outbox;
    private readonly SubscriptionStore _subscriptions;
    private readonly IHttpClientFactory _http;
    private readonly DeliveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SubscriptionDispatcher> _logger;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public SubscriptionDispatcher(
        DeliveryOutbox outbox,
        SubscriptionStore subscriptions,
        IHttpClientFactory http,
        IOptions<DeliveryOptions> options,
        TimeProvider time,
        ILogger<SubscriptionDispatcher> logger)
    {
        _outbox = outbox;
        _subscriptions = subscriptions;
        _http = http;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public async Task<DeliveryRunResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await DeliverPendingAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();

    private async Task<DeliveryRunResult> DeliverPendingAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var pending = await _outbox.ListAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            return new DeliveryRunResult(0, 0, 0, 0, clock.ElapsedMilliseconds);
        }

        _logger.LogInformation("Delivering: {Count} changed towns", pending.Count);
        var work = new List<(Subscription Subscription, List<(PendingDelivery Change, byte[] Document)> Changes)>();
        foreach (var region in pending.GroupBy(p => p.Region, StringComparer.Ordinal))
        {
            var active = (await _subscriptions.ListAsync(region.Key, cancellationToken).ConfigureAwait(false)).Where(s => !s.Disabled).ToList();
            if (active.Count == 0)
            {
                continue;
            }

            var changes = new List<(PendingDelivery, byte[])>();
            foreach (var change in region)
            {
                if (await _outbox.ReadDocumentAsync(change, cancellationToken).ConfigureAwait(false) is { } document)
                {
                    changes.Add((change, document));
                }
            }

            work.AddRange(active.Select(s => (s, changes)));
        }

        int delivered = 0, failed = 0, skipped = 0;
        await Parallel.ForEachAsync(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxParallelism), CancellationToken = cancellationToken },
            async (item, token) =>
            {
                DeliveryOutcome? last = null;
                foreach (var (change, document) in item.Changes)
                {
                    if (last is { Succeeded: false })
                    {
                        Interlocked.Increment(ref skipped);
                        continue;
                    }

                    last = await DeliverAsync(item.Subscription, change, document, token).ConfigureAwait(false);
                    Interlocked.Increment(ref last.Succeeded ? ref delivered : ref failed);
                }

                if (last is not null)
                {
                    await RecordAsync(item.Subscription, last, token).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);

        foreach (var change in pending)
        {
            if (!await _outbox.TryRemoveAsync(change, cancellationToken).ConfigureAwait(false))
            {
                _logger.LogInformation("Town {Town} changed again during delivery; it is delivered again next run", change.Town);
            }
        }

        var result = new DeliveryRunResult(pending.Count, delivered, failed, skipped, clock.ElapsedMilliseconds);
        _logger.LogInformation(
            "Delivery done: {Towns} towns, {Delivered} delivered, {Failed} failed, {Skipped} skipped, {Elapsed} ms",
            result.Towns, result.Delivered, result.Failed, result.Skipped, result.ElapsedMs);
        return result;
    }

    private async Task<DeliveryOutcome> DeliverAsync(Subscription subscription, PendingDelivery change, byte[] document, CancellationToken cancellationToken)
    {
        var deliveryId = Guid.CreateVersion7().ToString("N");
        var signature = WebhookSignature.Sign(subscription.Secret, document);
        var client = _http.CreateClient(HttpClientName);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(document) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation(WebhookSignature.Header, signature);
            request.Headers.TryAddWithoutValidation(DeliveryHeader, deliveryId);
            request.Headers.TryAddWithoutValidation(EventHeader, TownChangedEvent);
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                _logger.LogInformation("Delivered {Town} to subscription {Subscription} ({Host}) as {Delivery}: {Status}",
                    change.Town, subscription.Id, subscription.Url.Host, deliveryId, status);
                return new DeliveryOutcome(true, status, null, _time.GetUtcNow());
            }

            _logger.LogWarning("Delivery {Delivery} of {Town} to subscription {Subscription} ({Host}) failed: {Status}",
                deliveryId, change.Town, subscription.Id, subscription.Url.Host, status);
            return new DeliveryOutcome(false, status, $"HTTP {status}", _time.GetUtcNow());
        }
        catch (Exception error) when (Describe(error) is { } reason && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Delivery {Delivery} of {Town} to subscription {Subscription} ({Host}) failed: {Reason}",
                deliveryId, change.Town, subscription.Id, subscription.Url.Host, reason);
            return new DeliveryOutcome(false, null, reason, _time.GetUtcNow());
        }
    }

    private async Task RecordAsync(Subscription subscription, DeliveryOutcome outcome, CancellationToken cancellationToken)
    {
        var recorded = await _subscriptions.RecordAsync(subscription, outcome, _options.DisableAfterFailures, cancellationToken).ConfigureAwait(false);
        if (recorded is { Disabled: true } && !subscription.Disabled)
        {
            _outbox.Invalidate(subscription.Region);
            _logger.LogWarning("Subscription {Subscription} of region {Region} ({Host}) disabled after {Failures} consecutive failed deliveries",
                subscription.Id, subscription.Region, subscription.Url.Host, recorded.FailureCount);
        }
    }

    /// <summary>The <c>lastError</c> of a host that is blocked (it resolves to an internal address) or does not resolve.</summary>
    public const string UnreachableHost = "unreachable: the host does not resolve to a public address";

    /// <summary>A short reason for a failed attempt (no response body, no secret), or null for errors we do not expect.</summary>
    internal static string? Describe(Exception error) => error switch
    {
        TimeoutRejectedException => "timeout",
        // One answer for a blocked and an unresolvable host: a region key must not learn which internal names exist.
        HttpRequestException { InnerException: DeliveryBlockedException } => UnreachableHost,
        HttpRequestException request => request.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => UnreachableHost,
            HttpRequestError.ConnectionError => "connection failed",
            HttpRequestError.SecureConnectionError => "TLS handshake failed",
            _ => "request failed",
        },
        OperationCanceledException => "timeout",
        _ => null,
    };
}

