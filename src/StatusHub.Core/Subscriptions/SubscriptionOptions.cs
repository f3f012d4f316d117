namespace StatusHub.Core.Subscriptions;

/// <summary>Rules for registering subscriptions (<c>StatusHub:Subscriptions</c>).</summary>
public sealed class SubscriptionOptions
{
    public const string Section = "StatusHub:Subscriptions";

    /// <summary>
    /// Also accept <c>http://</c> URLs to a loopback host (127.0.0.0/8, ::1, localhost) and deliver to loopback
    /// addresses: for local development and tests only (true in the server's Development settings); never in production.
    /// </summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>At most this many subscriptions per region.</summary>
    public int MaxPerRegion { get; set; } = 20;
}

/// <summary>How deliveries are made (<c>StatusHub:Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    public const string Section = "StatusHub:Delivery";

    public const string DefaultSchedule = "*/10 * * * * *";

    /// <summary>NCRONTAB with seconds of the Functions timer that delivers (the server polls on <see cref="PollInterval"/> instead).</summary>
    public string Schedule { get; set; } = DefaultSchedule;

    /// <summary>How often the local server looks for pending deliveries besides being woken by the render job.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt of one delivery (so 4 means up to 5 requests).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>Delay before the first retry; it doubles with each further retry (with jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest delay between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time budget of one HTTP attempt (connect, send, response headers).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A subscription is disabled after this many consecutive failed deliveries.</summary>
    public int DisableAfterFailures { get; set; } = 5;

    /// <summary>How many subscribers are delivered to at once.</summary>
    public int MaxParallelism { get; set; } = 8;
}
