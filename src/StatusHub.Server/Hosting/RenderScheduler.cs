using Cronos;
using Microsoft.Extensions.Options;
using StatusHub.Core.Errors;
using StatusHub.Core.Rendering;

namespace StatusHub.Server.Hosting;

/// <summary>Runs the render job on <c>StatusHub:Render:Schedule</c> (NCRONTAB with seconds, as the Functions timer).</summary>
public sealed class RenderScheduler(RenderJob job, IOptions<RenderOptions> options, TimeProvider time, ILogger<RenderScheduler> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(options.Value.Schedule, CronFormat.IncludeSeconds);
        logger.LogInformation("Render schedule: {Schedule} (UTC)", options.Value.Schedule);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = schedule.GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null)
            {
                logger.LogWarning("The render schedule has no further occurrence; the scheduler stops");
                return;
            }

            // Task.Delay takes at most ~49 days: wait in steps of a day and look at the clock again.
            if (next.Value - now > MaxWait)
            {
                await Task.Delay(MaxWait, time, stoppingToken);
                continue;
            }

            await Task.Delay(next.Value - now, time, stoppingToken);
            try
            {
                await job.RunAsync(stoppingToken);
            }
            catch (StorageUnavailableException)
            {
                logger.LogWarning("Storage unavailable: render skipped, the next tick catches up");
            }
        }
    }
}
