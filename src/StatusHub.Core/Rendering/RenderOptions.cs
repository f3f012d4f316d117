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

    /// <summary>Absolute base URL of the static site, used in feeds, canonical links and JSON-LD.</summary>
    public Uri SiteBaseUrl { get; set; } = new("http://localhost:5080/");
}
