using Microsoft.Extensions.Options;
using StatusHub.Core.Errors;
using StatusHub.Core.Subscriptions;

namespace StatusHub.Server.Hosting;

/// <summary>
/// Delivers to subscribers outside publishing and rendering: woken by the render job when it queued a delivery, and
/// every <c>StatusHub:Delivery:PollInterval</c> (default 10 s) to pick up what another instance queued or a failed run left.
/// </summary>
public sealed class DeliveryWorker(SubscriptionDispatcher dispatcher, DeliverySignal signal, IOptions<DeliveryOptions> options, ILogger<DeliveryWorker> logger)
    : BackgroundService
{
    // SemaphoreSlim waits at most int.MaxValue ms.
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PollInterval <= TimeSpan.Zero || options.Value.PollInterval > MaxWait ? MaxWait : options.Value.PollInterval;
        logger.LogInformation("Subscription delivery: on each render that changed a subscribed region, and every {Interval}", interval);
        while (!stoppingToken.IsCancellationRequested)
        {
            await signal.WaitAsync(interval, stoppingToken);
            try
            {
                await dispatcher.RunOnceAsync(stoppingToken);
            }
            catch (StorageUnavailableException)
            {
                logger.LogWarning("Storage unavailable: delivery skipped, the next run catches up");
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(error, "Delivery run failed; pending deliveries stay queued for the next run");
            }
        }
    }
}
