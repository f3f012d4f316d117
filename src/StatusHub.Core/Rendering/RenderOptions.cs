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

    /// <summary>The configuration key of <see cref="SiteBaseUrl"/>.</summary>
    public const string SiteBaseUrlKey = "StatusHub:SiteBaseUrl";

    /// <summary>
    /// Absolute base URL of the static site, used in feeds, canonical links, CAP and JSON-LD. Unset: the local
    /// server's real listening address once it listens (this default until then); required in Production.
    /// </summary>
    public Uri SiteBaseUrl { get; set; } = new("http://localhost:5080/");

    /// <summary><paramref name="configured"/> as a base URL ending in '/', or null when it is not an absolute http(s) URL.</summary>
    public static Uri? ParseSiteBaseUrl(string? configured) =>
        Uri.TryCreate(configured is { Length: > 0 } url && !url.EndsWith('/') ? url + "/" : configured, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? uri
            : null;

    /// <summary>What is wrong with the configured site base URL, or null: it must be an absolute http(s) URL, and set in Production.</summary>
    public static string? SiteBaseUrlProblem(string? configured, bool production) => configured switch
    {
        null or "" when production =>
            $"{SiteBaseUrlKey} is required in Production: the absolute URL citizens reach the static site at (the storage account's "
            + "static website endpoint or its custom domain, e.g. https://status.example.org/). Feeds, canonical links, CAP and JSON-LD are built from it.",
        null or "" => null,
        _ when ParseSiteBaseUrl(configured) is null =>
            $"{SiteBaseUrlKey} must be an absolute http:// or https:// URL without query or fragment, e.g. https://status.example.org/.",
        _ => null,
    };
}
