using System.Security.Cryptography;

namespace StatusHub.Core.Rendering;

/// <summary>One file of the static site: its path under the site root, headers and bytes.</summary>
public sealed record SiteFile(string Path, string ContentType, string CacheControl, byte[] Content)
{
    /// <summary>Status pages change during a crisis: browsers and CDNs may reuse a copy for one minute at most.</summary>
    public const string ShortCache = "public, max-age=60, must-revalidate";

    public const string Html = "text/html; charset=utf-8";
    public const string Json = "application/json";
    public const string Atom = "application/atom+xml";
    public const string Cap = "application/cap+xml";
    public const string Svg = "image/svg+xml";

    /// <summary>Hex SHA-256 of the content, recorded in the render table (<see cref="Storage.PublishedFolders"/>) so unchanged files are not uploaded again.</summary>
    public string ContentHash { get; } = Convert.ToHexStringLower(SHA256.HashData(Content));
}
