using Microsoft.AspNetCore.Hosting;
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

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["StatusHub:Limits:FailedAuthPerAddress"] = FailedAuthPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["StatusHub:Limits:FailedAuthPerKey"] = FailedAuthPerKey.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["StatusHub:Limits:WritesPerKey"] = WritesPerKey.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["StatusHub:Limits:FailedAuthWindowSeconds"] = WindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["StatusHub:Limits:WriteWindowSeconds"] = WindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["StatusHub:Limits:ClientAddressHeader"] = "X-Forwarded-For";
    }

    /// <summary>A client that sends <paramref name="key"/> from <paramref name="address"/> (as the proxy's last X-Forwarded-For entry).</summary>
    public HttpClient ClientFrom(string address, string? key = null)
    {
        var client = Client(key);
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Forwarded-For", $"203.0.113.250, {address}");
        return client;
    }
}
