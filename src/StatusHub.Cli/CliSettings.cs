
namespace StatusHub.Cli;

/// <summary>The settings of one run, from the global options and the environment.</summary>
internal sealed record CliSettings(Uri BaseUrl, string Town, string? Key, string Language, bool Json, bool Quiet, int Retries, bool ETagOnly)
{
    public const string UrlVariable = "STATUSHUB_URL";
    public const string TownVariable = "STATUSHUB_TOWN";
    public const string KeyVariable = "STATUSHUB_KEY";
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>
    /// Resolves the settings, or writes why not to stderr and returns null (exit 2, nothing sent). The key is read only
    /// from <see cref="KeyVariable"/> and never written anywhere, not even in this error path.
    /// </summary>
    public static CliSettings? Resolve(
        CliEnvironment env, string? url, string? town, string language, bool json, bool quiet, int retries, bool etagOnly, bool needsKey, bool needsTown = true)
    {
        var error = env.Error;
        url = NonEmpty(url) ?? NonEmpty(env.GetVariable(UrlVariable)) ?? DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment) || !string.IsNullOrEmpty(baseUrl.UserInfo))
        {
            error.WriteLine($"error: the server URL (--url or {UrlVariable}) must be an absolute http:// or https:// URL without query, e.g. {DefaultUrl}.");
            return null;
        }

        // The API lives under <base>/api/v1/...: a base with a path prefix must end in '/' to be kept.
        if (!baseUrl.AbsolutePath.EndsWith('/'))
        {
            baseUrl = new Uri(baseUrl.GetLeftPart(UriPartial.Path) + "/");
        }

        town = NonEmpty(town) ?? NonEmpty(env.GetVariable(TownVariable));
        if (town is null && !needsTown)
        {
            town = "";
        }
        else if (town is null)
        {
            error.WriteLine($"error: no town: give --town <slug> or set {TownVariable}.");
            return null;
        }

        if (needsTown && !TownRules.IsSlug(town))
        {
            error.WriteLine($"error: '{town}' is not a town slug (lower-case letters, digits and single hyphens, 2-63 characters).");
            return null;
        }

        string? key = null;
        if (needsKey)
        {
            key = env.GetVariable(KeyVariable);
            if (string.IsNullOrWhiteSpace(key))
            {
                error.WriteLine($"error: {KeyVariable} is not set: export the town's API key in {KeyVariable} (it is never read from the command line).");
                return null;
            }

            key = key.Trim();
            if (key.Any(c => c is < '!' or > '~'))
            {
                error.WriteLine($"error: {KeyVariable} contains characters that cannot be sent in a header (spaces, line breaks or non-ASCII).");
                return null;
            }

            if (baseUrl.Scheme == "http" && !baseUrl.IsLoopback)
            {
                error.WriteLine($"warning: sending {KeyVariable} to {baseUrl.Host} over unencrypted http://; use https:// outside this machine.");
            }
        }

        if (retries is < 0 or > 10)
        {
            error.WriteLine("error: --retry takes 0 to 10 attempts.");
            return null;
        }

        return new CliSettings(baseUrl, town, key, language, json, quiet, retries, etagOnly);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The path of a town resource, e.g. <c>api/v1/towns/moessingen/status</c> (the town is a checked slug).</summary>
    public string TownPath(string suffix = "") => $"api/v1/towns/{Town}{suffix}";
}
