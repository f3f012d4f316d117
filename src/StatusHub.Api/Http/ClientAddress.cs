using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace StatusHub.Api.Http;

/// <summary>The address failed authentications are counted against.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The last entry of <paramref name="trustedHeader"/> (the one the trusted proxy appended; earlier entries are the
    /// client's own claims) when the connection comes from one of <paramref name="trustedProxies"/>, or else the
    /// connection's address. IPv6 addresses count per /64, the block one client holds.
    /// </summary>
    public static string Of(HttpRequest request, string? trustedHeader, IReadOnlyList<IPNetwork> trustedProxies)
    {
        IPAddress? address = null;
        var peer = request.HttpContext.Connection.RemoteIpAddress;
        if (peer is { IsIPv4MappedToIPv6: true })
        {
            peer = peer.MapToIPv4();
        }

        if (!string.IsNullOrEmpty(trustedHeader) && peer is not null && trustedProxies.Any(p => p.Contains(peer))
            && request.Headers[trustedHeader].ToString() is { Length: > 0 } forwarded)
        {
            address = Parse(forwarded[(forwarded.LastIndexOf(',') + 1)..].Trim());
        }

        address ??= request.HttpContext.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    // Proxies write "1.2.3.4", "1.2.3.4:5678" or "[2001:db8::1]:5678".
    private static IPAddress? Parse(string entry) =>
        IPAddress.TryParse(entry, out var plain) ? plain
        : IPEndPoint.TryParse(entry, out var endpoint) ? endpoint.Address
        : null;
}
