using System.Net.Sockets;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using StatusHub.Core.Errors;

namespace StatusHub.Core.Storage;

/// <summary>
/// The single retry layer for every storage call (the SDK's own retries are switched off):
/// jittered retries bounded to <see cref="StorageOptions.TotalTimeout"/> (2 s) in total, then a circuit breaker that makes callers fail fast
/// while storage is down. Exhaustion surfaces as <see cref="StorageUnavailableException"/>.
/// </summary>
public sealed class StorageResilience
{
    /// <summary>Retry-After suggested to clients when no better estimate is known.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);

    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger<StorageResilience> _logger;

    public StorageResilience(IOptions<StorageOptions> options, ILogger<StorageResilience> logger)
    {
        _logger = logger;
        var shouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient);
        _pipeline = new ResiliencePipelineBuilder()
            .AddTimeout(options.Value.TotalTimeout)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = shouldHandle,
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    _logger.LogWarning("Storage call failed ({Error}); retry {Attempt} in {Delay} ms",
                        Describe(args.Outcome.Exception), args.AttemptNumber + 1, (int)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = shouldHandle,
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = BreakDuration,
                OnOpened = args =>
                {
                    _logger.LogError("Storage circuit opened for {Seconds} s after repeated failures ({Error})",
                        args.BreakDuration.TotalSeconds, Describe(args.Outcome.Exception));
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    _logger.LogInformation("Storage circuit closed: storage answers again");
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.Value.AttemptTimeout)
            .Build();
    }

    /// <summary>Runs one storage operation under the pipeline.</summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token => await operation(token).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (BrokenCircuitException broken)
        {
            throw new StorageUnavailableException(broken.RetryAfter ?? BreakDuration, broken);
        }
        catch (Exception error) when (IsTransient(error) && !cancellationToken.IsCancellationRequested)
        {
            throw new StorageUnavailableException(DefaultRetryAfter, error);
        }
    }

    public async Task ExecuteAsync(Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        await ExecuteAsync<bool>(async token =>
        {
            await operation(token).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Network failures, timeouts and server-side errors; never a 4xx that describes the request itself.</summary>
    public static bool IsTransient(Exception? error) => error switch
    {
        null => false,
        RequestFailedException { Status: 0 or 408 or 429 or >= 500 } => true,
        RequestFailedException => false,
        TimeoutRejectedException or HttpRequestException or SocketException or IOException => true,
        OperationCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsTransient),
        _ => false,
    };

    private static string Describe(Exception? error) => error switch
    {
        RequestFailedException failed => $"{failed.GetType().Name} status {failed.Status} {failed.ErrorCode}",
        null => "no exception",
        _ => error.GetType().Name,
    };
}
