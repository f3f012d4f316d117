using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using StatusHub.Core.Rendering;

namespace StatusHub.Server.Hosting;

/// <summary>
/// Without <c>StatusHub:SiteBaseUrl</c> (allowed outside Production), the site's absolute URLs use the address the
/// server really listens on (its first http address, else its first; a wildcard host reads "localhost"), known only once
/// Kestrel has bound: the options are computed again when the application has started. Before that, and on a server
/// without addresses (the in-memory test server), the default stays.
/// </summary>
public sealed class ListeningSiteBaseUrl(IServer server, IConfiguration configuration, IHostApplicationLifetime lifetime)
    : IPostConfigureOptions<RenderOptions>, IOptionsChangeTokenSource<RenderOptions>
{
    public string Name => Options.DefaultName;

    public void PostConfigure(string? name, RenderOptions options)
    {
        if (string.IsNullOrEmpty(configuration[RenderOptions.SiteBaseUrlKey]) && FromAddresses(server.Features.Get<IServerAddressesFeature>()?.Addresses) is { } url)
        {
            options.SiteBaseUrl = url;
        }
    }

    // Once started, a token that never changes: a fired token would make the monitor recompute in a loop.
    public IChangeToken GetChangeToken() =>
        lifetime.ApplicationStarted.IsCancellationRequested ? Microsoft.Extensions.FileProviders.NullChangeToken.Singleton : new CancellationChangeToken(lifetime.ApplicationStarted);

    /// <summary>The site base URL from listening addresses such as "http://127.0.0.1:5080" or "http://[::]:8080"; null when none.</summary>
    public static Uri? FromAddresses(ICollection<string>? addresses)
    {
        var address = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses?.FirstOrDefault();
        if (address is null)
        {
            return null;
        }

        // Kestrel reports the address as bound; wildcards ("+", "*", 0.0.0.0, [::]) are not a host a browser can use.
        var parsed = BindingAddress.Parse(address);
        var host = parsed.Host is "+" or "*" or "0.0.0.0" or "[::]" or "::" ? "localhost" : parsed.Host;
        return RenderOptions.ParseSiteBaseUrl($"{parsed.Scheme}://{host}:{parsed.Port}{parsed.PathBase}/");
    }
}
