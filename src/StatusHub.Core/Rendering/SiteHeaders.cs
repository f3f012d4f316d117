namespace StatusHub.Core.Rendering;

/// <summary>
/// The response headers of every file of the citizen site, whatever serves it: the local server sends them itself;
/// on Azure the storage static website cannot send headers, so the Front Door rule set of infra/statushub.bicep
/// (parameter <c>enableFrontDoor</c>) sends exactly these (a test compares the compiled template with this list).
/// </summary>
public static class SiteHeaders
{
    /// <summary>Framing is refused (clickjacking); the badge is embedded as an image, which framing rules do not touch.</summary>
    public const string FrameAncestors = "frame-ancestors 'none'";

    /// <summary>Headers of every site file. The publisher console replaces the policy with its own plus <see cref="FrameAncestors"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All { get; } =
    [
        new("Content-Security-Policy", FrameAncestors),
        new("X-Content-Type-Options", "nosniff"),
        new("Referrer-Policy", "no-referrer"),

        // Public, read-only files: any site may read them (Statuspage widgets, the region's own page, scripts).
        new("Access-Control-Allow-Origin", "*"),
    ];

    /// <summary>Sent over HTTPS only (RFC 6797 §7.2).</summary>
    public static KeyValuePair<string, string> StrictTransportSecurity { get; } = new("Strict-Transport-Security", "max-age=31536000");

    /// <summary>The console's policy as a header: its meta-tag policy plus <see cref="FrameAncestors"/>, which only a header can carry.</summary>
    public static string ConsolePolicy(string metaPolicy) => metaPolicy + "; " + FrameAncestors;
}
