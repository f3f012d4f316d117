namespace StatusHub.Api.Http;

/// <summary>Settings under <c>StatusHub:Limits</c>: how many failed authentications and writes are allowed per window.</summary>
public sealed class LimitOptions
{
    public const string Section = "StatusHub:Limits";

    /// <summary>Failed authentications one client address may make per <see cref="FailedAuthWindowSeconds"/>.</summary>
    public int FailedAuthPerAddress { get; set; } = 20;

    /// <summary>Failed authentications naming one key id (a wrong secret) per <see cref="FailedAuthWindowSeconds"/>.</summary>
    public int FailedAuthPerKey { get; set; } = 10;

    public int FailedAuthWindowSeconds { get; set; } = 60;

    /// <summary>Writes (any method but GET and HEAD) one key may make per <see cref="WriteWindowSeconds"/>.</summary>
    public int WritesPerKey { get; set; } = 120;

    public int WriteWindowSeconds { get; set; } = 60;

    /// <summary>Reads of public routes (no key) one client address may make per <see cref="ReadWindowSeconds"/>.</summary>
    public int AnonymousReadsPerAddress { get; set; } = 600;

    public int ReadWindowSeconds { get; set; } = 60;

    /// <summary>
    /// A header set by a trusted reverse proxy whose last entry is the client address (<c>X-Forwarded-For</c> behind
    /// a load balancer), read only on connections from <see cref="TrustedProxies"/>; unset: the connection's address.
    /// </summary>
    public string? ClientAddressHeader { get; set; }

    /// <summary>
    /// The addresses or CIDR networks (<c>10.0.0.5</c>, <c>10.0.0.0/24</c>, <c>::1</c>) of the reverse proxies whose
    /// <see cref="ClientAddressHeader"/> is believed. From any other peer the header is the client's own claim and
    /// ignored. Empty (the default): the header is never read.
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary><see cref="TrustedProxies"/> parsed; a malformed entry stops the host at start (see <see cref="LimitOptionsValidation"/>).</summary>
    public IReadOnlyList<System.Net.IPNetwork> TrustedProxyNetworks() =>
        TrustedProxies.Select(entry => ParseNetwork(entry) ?? throw new FormatException($"{Section}:TrustedProxies: '{entry}' is not an address or CIDR network.")).ToList();

    /// <summary>An address (as a /32 or /128) or a CIDR network, or null.</summary>
    public static System.Net.IPNetwork? ParseNetwork(string entry)
    {
        var text = entry.Trim();
        if (System.Net.IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        return System.Net.IPAddress.TryParse(text, out var address)
            ? new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
            : null;
    }
}

/// <summary>Stops the host at start when <see cref="LimitOptions.TrustedProxies"/> holds an entry that is no address or network.</summary>
public sealed class LimitOptionsValidation : Microsoft.Extensions.Options.IValidateOptions<LimitOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, LimitOptions options) =>
        options.TrustedProxies.FirstOrDefault(entry => LimitOptions.ParseNetwork(entry) is null) is { } bad
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail($"{LimitOptions.Section}:TrustedProxies: '{bad}' is not an address or CIDR network.")
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
