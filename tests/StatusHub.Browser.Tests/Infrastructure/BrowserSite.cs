using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Server.Hosting;

namespace StatusHub.Browser.Tests.Infrastructure;

/// <summary>
/// The real StatusHub server on its own Azurite (<see cref="StatusHubApp"/>), but on a real Kestrel port on the
/// loopback address instead of the in-memory TestServer, so that a browser can load its pages over HTTP.
/// </summary>
public sealed class BrowserSite : StatusHubApp
{
    private string? _siteBaseUrl;

    /// <summary>The server's origin, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string Origin { get; private set; } = "";

    /// <summary><c>127.0.0.1:port</c>: the only host a page may request anything from.</summary>
    public string Host => new Uri(Origin).Authority;

    /// <summary>
    /// Starts Azurite, then the server on a free loopback port. The port is chosen before the server starts so that the
    /// site is rendered with its own origin as base URL (canonical links, the notice's QR code point where it is served).
    /// </summary>
    public async Task StartAsync()
    {
        await InitializeAsync();
        var port = FreeLoopbackPort();
        _siteBaseUrl = $"http://127.0.0.1:{port}/";
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        var address = addresses.Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        Origin = address.TrimEnd('/');
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        if (_siteBaseUrl is not null)
        {
            settings["StatusHub:SiteBaseUrl"] = _siteBaseUrl;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A client of the server's real port that sends <paramref name="key"/> as bearer key. Hides
    /// <see cref="StatusHubApp.Client"/>, whose clients go to http://localhost (the in-memory server's address).
    /// </summary>
    public new HttpClient Client(string? key = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(Origin + "/"), AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        }

        return client;
    }

    /// <summary>The absolute URL of a site path such as <c>/moessingen/</c>.</summary>
    public string Url(string path) => Origin + path;

    /// <summary>Loads the demo region (samples/demo/towns) and renders the site.</summary>
    public async Task LoadDemoRegionAsync()
    {
        var loaded = await Services.GetRequiredService<DemoRegionLoader>().LoadAsync(DemoPages.TownsFolder, default);
        Assert.Equal(DemoPages.Towns.Count, loaded);
        await RenderAsync();
    }

    /// <summary>POST /api/v1/render as admin.</summary>
    public async Task RenderAsync() => await Client(AdminKey).PostAsync("/api/v1/render", null).Ok();
}
