namespace StatusHub.Core.Rendering;

/// <summary>Settings of the renderer (<c>StatusHub:Render</c>) and the site (<c>StatusHub:SiteBaseUrl</c>).</summary>
public sealed class RenderOptions
{
    public const string Section = "StatusHub:Render";

    public const string DefaultSchedule = "0 */1 * * * *";

    /// <summary>NCRONTAB with seconds; the server's scheduler and the Functions timer read the same setting.</summary>
    public string Schedule { get; set; } = DefaultSchedule;

    /// <summary>How many towns are rendered at once.</summary>
    public int MaxParallelism { get; set; } = 8;

    /// <summary>
    /// Seconds of the render lease (15–60, the range blob leases allow); the holder renews it every third of that, so
    /// a crashed holder blocks other instances for at most this long.
    /// </summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>
    /// How long <c>POST /api/v1/render</c> waits for another instance's render to finish before answering 503 with
    /// Retry-After. A timer tick never waits: it skips, and the next tick catches up.
    /// </summary>
    public int LeaseWaitSeconds { get; set; } = 30;

    /// <summary>Absolute base URL of the static site, used in feeds, canonical links and JSON-LD.</summary>
    public Uri SiteBaseUrl { get; set; } = new("http://localhost:5080/");
}
