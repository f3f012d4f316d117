using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests.Security;

/// <summary>
/// The test app with small limits so throttling shows within a few requests, and the client address taken from
/// X-Forwarded-For (as behind a trusted proxy), so one test can speak from several addresses.
/// </summary>
public sealed class LimitedApp : StatusHubApp
{
    public const int FailedAuthPerAddress = 5;
    public const int FailedAuthPerKey = 3;
    public const int WritesPerKey = 30;
    public const int WindowSeconds = 60;
    public const int AnonymousReadsPerAddress = 100;

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["StatusHub:Limits:FailedAuthPerAddress"] = FailedAuthPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["StatusHub:Limits:FailedAuthPerKey"] = FailedAuthPerKey.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["StatusHub:Limits:WritesPerKey"] = WritesPerKey.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["StatusHub:Limits:FailedAuthWindowSeconds"] = WindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["StatusHub:Limits:WriteWindowSeconds"] = WindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["StatusHub:Limits:AnonymousReadsPerAddress"] = AnonymousReadsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["StatusHub:Limits:ReadWindowSeconds"] = WindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["StatusHub:Limits:ClientAddressHeader"] = "X-Forwarded-For";

        // The header is believed from these peers only: the in-process test server's connection, and the test
        // Functions host (the worker itself takes the client address from the host's X-Forwarded-For).
        settings["StatusHub:Limits:TrustedProxies:0"] = "127.0.0.1";
        settings["StatusHub:Limits:TrustedProxies:1"] = "::1";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);

        // The in-process test server has no socket, so no peer address: model its requests as a loopback connection
        // (as from a reverse proxy on the same machine), so the trusted-proxy rule applies as it would in production.
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, LoopbackPeer>());
    }

    /// <summary>A client that sends <paramref name="key"/> from <paramref name="address"/> (as the proxy's last X-Forwarded-For entry).</summary>
    public HttpClient ClientFrom(string address, string? key = null)
    {
        var client = Client(key);
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Forwarded-For", $"203.0.113.250, {address}");
        return client;
    }
}

/// <summary>Gives requests without a peer address (the in-process test server's) the loopback address.</summary>
internal sealed class LoopbackPeer : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Loopback;
            return following(context);
        });
        next(app);
    };
}
