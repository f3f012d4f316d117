using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace StatusHub.Core.Subscriptions;

/// <summary>
/// The SSRF guard of deliveries at connect time: resolves the subscriber's host itself and connects only if every
/// resolved address is public (<see cref="SubscriptionRules.IsDeliverable"/>; loopback only when allowed), so a DNS
/// name that points inside the network, or is re-pointed there after registration, is refused before any socket opens.
/// </summary>
public sealed class PublicAddressConnector
{
    private readonly bool _allowLoopback;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    /// <param name="allowLoopback">Also connect to loopback addresses (development and tests only).</param>
    /// <param name="resolve">Name resolution; <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/> unless given.</param>
    public PublicAddressConnector(bool allowLoopback, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        _allowLoopback = allowLoopback;
        _resolve = resolve ?? Dns.GetHostAddressesAsync;
    }

    /// <summary>Whether a delivery may connect to this address.</summary>
    public bool Allows(IPAddress address) => SubscriptionRules.IsDeliverable(address, _allowLoopback);

    /// <summary>
    /// The addresses of <paramref name="host"/> (an IP literal is its own address) if all of them are allowed;
    /// otherwise <see cref="DeliveryBlockedException"/>: one internal address among public ones blocks the host.
    /// </summary>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await _resolve(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0 || !addresses.All(Allows))
        {
            throw new DeliveryBlockedException();
        }

        return addresses;
    }

    /// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/>: resolve, check, then connect to the checked addresses only.</summary>
    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope",
        Justification = "The returned NetworkStream owns the socket (ownsSocket: true); on any failure the catch disposes it.")]
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.NoDelay = true;
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The primary handler of the deliveries' HTTP client: connects through this connector; no redirects, no cookies,
    /// no proxy (a proxy would resolve the name itself, past the check).
    /// </summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = ConnectAsync,
    };
}

/// <summary>A delivery refused because the subscriber's host resolves to an internal address.</summary>
public sealed class DeliveryBlockedException() : Exception("The subscriber's host resolves to an internal address.");
