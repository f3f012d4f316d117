using System.Text;

namespace StatusHub.Core.Rendering;

/// <summary>
/// The files a browser or crawler asks every site for at its root: <c>favicon.svg</c> (linked from every page with
/// <c>&lt;link rel="icon"&gt;</c>, so no browser asks for <c>/favicon.ico</c> and logs a 404) and <c>robots.txt</c>
/// (the citizen pages may be indexed, the publisher console not). Synced into <c>$web</c> with the deployment, path
/// by path, since the site root holds every town's folder.
/// </summary>
public sealed class SiteRootFiles : IDeploymentFiles
{
    public const string FaviconPath = "favicon.svg";
    public const string RobotsPath = "robots.txt";

    /// <summary>Changes only with a deployment: browsers may keep it a day.</summary>
    public const string LongCache = "public, max-age=86400";

    // A white pulse line on the hub's blue, readable at 16 px; no text, no external reference.
    private const string Favicon =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
        + "<rect width=\"32\" height=\"32\" rx=\"6\" fill=\"#0b5cad\"/>"
        + "<path d=\"M4 17h6l3-8 5 15 3-7h7\" fill=\"none\" stroke=\"#fff\" stroke-width=\"3\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>"
        + "</svg>\n";

    private const string Robots = "User-agent: *\nDisallow: /publish/\n";

    public string Folder => "";

    /// <summary>Root files are synced by their own paths: nothing else at the root is touched.</summary>
    public bool ExactPaths => true;

    public IReadOnlyList<SiteFile> Files { get; } =
    [
        new SiteFile(FaviconPath, SiteFile.Svg, LongCache, Encoding.UTF8.GetBytes(Favicon)),
        new SiteFile(RobotsPath, "text/plain; charset=utf-8", SiteFile.ShortCache, Encoding.UTF8.GetBytes(Robots)),
    ];

    /// <summary>The file at a site path such as <c>robots.txt</c>, or null.</summary>
    public SiteFile? Find(string path) => Files.FirstOrDefault(f => f.Path == path);
}
