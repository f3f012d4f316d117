using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace StatusHub.Core.Subscriptions;

/// <summary>
/// The resilience handler of the deliveries' HTTP client (Microsoft.Extensions.Http.Resilience): up to
/// <see cref="DeliveryOptions.MaxRetries"/> retries with exponential back-off from <see cref="DeliveryOptions.RetryDelay"/>
/// with jitter, capped at <see cref="DeliveryOptions.MaxRetryDelay"/>, around a timeout per attempt
/// (<see cref="DeliveryOptions.AttemptTimeout"/>). One delivery is one call of the client, so every attempt carries the
/// same delivery id.
/// </summary>
public static class DeliveryRetries
{
    public const string PipelineName = "delivery";

    /// <summary>Adds the retry (when <see cref="DeliveryOptions.MaxRetries"/> is above 0) and the attempt timeout.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, DeliveryOptions options, TimeProvider time, ILogger logger)
    {
        builder.TimeProvider = time;
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // The back-off is ours: a subscriber's Retry-After must not hold a delivery slot for longer.
                ShouldRetryAfterHeader = false,
                OnRetry = args =>
                {
                    var reason = args.Outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : SubscriptionDispatcher.Describe(args.Outcome.Exception!) ?? "error";
                    args.Outcome.Result?.Dispose();
                    logger.LogInformation("Delivery attempt failed ({Reason}); retry {Attempt} in {Delay} ms",
                        reason, args.AttemptNumber + 1, (int)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
    }

    /// <summary>
    /// Worth another attempt: no connection, TLS failure, timeout, server errors, 408 and 429. Other answers (4xx, 3xx:
    /// redirects are not followed) are final, and so is a host that resolves to an internal address.
    /// </summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException error } => error.InnerException is not DeliveryBlockedException,
        { Exception: TimeoutRejectedException } => true,
        { Exception: null, Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
