namespace StatusHub.Core.Rendering.Html;

/// <summary>Turns town-supplied addresses into link targets a page may use; anything else is never a link.</summary>
internal static class PageLinks
{
    /// <summary>The URL when it is an absolute http(s) URL, else null (so "javascript:", "data:" or a relative path never becomes an href).</summary>
    public static string? Web(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)
            || !(url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http"))
        {
            return null;
        }

        return uri.AbsoluteUri;
    }

    /// <summary>The URL as people write it: "www.moessingen.de/cyberangriff" for "https://www.moessingen.de/cyberangriff".</summary>
    public static string Display(string url)
    {
        var withoutScheme = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? url[8..]
            : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? url[7..]
            : url;
        return withoutScheme.EndsWith('/') && withoutScheme.IndexOf('/', StringComparison.Ordinal) == withoutScheme.Length - 1
            ? withoutScheme[..^1]
            : withoutScheme;
    }

    /// <summary>A tel: URL of digits with a leading '+' (also for "00…"), or null when the number has no digits.</summary>
    public static string? Phone(string? number)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return null;
        }

        var digits = string.Concat(number.Where(char.IsAsciiDigit));
        if (digits.Length == 0)
        {
            return null;
        }

        var international = number.TrimStart().StartsWith('+');
        if (!international && digits.StartsWith("00", StringComparison.Ordinal))
        {
            international = true;
            digits = digits[2..];
        }

        return "tel:" + (international ? "+" : string.Empty) + digits;
    }

    /// <summary>A site path as a root-relative URL under the site's base path: "/moessingen/en/".</summary>
    public static string SitePath(Uri siteBaseUrl, string relative) => new Uri(siteBaseUrl, relative).AbsolutePath;

    /// <summary>A site path as an absolute URL (canonical and alternate links, JSON-LD).</summary>
    public static string Absolute(Uri siteBaseUrl, string relative) => new Uri(siteBaseUrl, relative).AbsoluteUri;
}
