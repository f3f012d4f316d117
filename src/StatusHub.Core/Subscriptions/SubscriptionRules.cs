using System.Net;
using System.Net.Sockets;
using StatusHub.Core.Validation;

namespace StatusHub.Core.Subscriptions;

/// <summary>
/// What a subscription may point at and what its secret may be. URLs: absolute, https (or http to a loopback host
/// when <see cref="SubscriptionOptions.AllowLoopbackHttp"/>), no user info, no fragment, at most
/// <see cref="Limits.MaxUrl"/> characters, and no IP-literal host in a loopback, private, link-local or otherwise
/// internal range (SSRF). Names are checked again at connect time by <see cref="IsDeliverable"/>.
/// </summary>
public static class SubscriptionRules
{
    public const int MinSecretLength = 16;

    public const int MaxSecretLength = 256;

    /// <summary>The Azure platform's virtual public IP (wire server, DNS): internal although not in a private range.</summary>
    private static readonly IPAddress AzureWireServer = IPAddress.Parse("168.63.129.16");

    /// <summary>The normalized URL, or null with the problem added to <paramref name="errors"/>.</summary>
    public static Uri? Url(ValidationErrors errors, string? value, bool allowLoopbackHttp)
    {
        const string field = "url";
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(field, "Required: the https:// URL deliveries are posted to.");
            return null;
        }

        if (value.Length > Limits.MaxUrl || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            errors.Add(field, $"Must be an absolute URL of at most {Limits.MaxUrl} characters without spaces.");
            return null;
        }

        var loopback = IsLoopbackHost(uri);
        if (uri.Scheme == Uri.UriSchemeHttp && !(allowLoopbackHttp && loopback))
        {
            errors.Add(field, allowLoopbackHttp
                ? "Must use https:// (http:// is accepted only to a loopback host in this configuration)."
                : "Must use https://.");
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            errors.Add(field, "Must use https://.");
            return null;
        }

        if (uri.UserInfo.Length > 0)
        {
            errors.Add(field, "Must not contain user info (user:password@); authenticate deliveries with the signature.");
            return null;
        }

        if (uri.Fragment.Length > 0 || value.Contains('#', StringComparison.Ordinal))
        {
            errors.Add(field, "Must not contain a fragment (#…).");
            return null;
        }

        if (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && !(allowLoopbackHttp && IPAddress.IsLoopback(address)) && IsInternal(address))
        {
            errors.Add(field, "Must not point at a loopback, private, link-local or other internal address.");
            return null;
        }

        if (!allowLoopbackHttp && IsLocalhostName(uri.IdnHost))
        {
            errors.Add(field, "Must not point at a loopback, private, link-local or other internal address.");
            return null;
        }

        return uri;
    }

    /// <summary>The secret, or null with the problem added: 16 to 256 visible ASCII characters (no spaces).</summary>
    public static string? Secret(ValidationErrors errors, string? value)
    {
        const string field = "secret";
        if (value is null)
        {
            errors.Add(field, $"Required: {MinSecretLength} to {MaxSecretLength} visible ASCII characters, the key of the HMAC signature.");
            return null;
        }

        if (value.Length is < MinSecretLength or > MaxSecretLength || value.Any(c => c is < '!' or > '~'))
        {
            errors.Add(field, $"Must be {MinSecretLength} to {MaxSecretLength} visible ASCII characters (no spaces); use a long random value.");
            return null;
        }

        return value;
    }

    /// <summary>True when a delivery may connect to <paramref name="address"/> (checked for every resolved address).</summary>
    public static bool IsDeliverable(IPAddress address, bool allowLoopback) =>
        (allowLoopback && IPAddress.IsLoopback(address)) || !IsInternal(address);

    /// <summary>Loopback, private, shared (CGNAT), link-local, unspecified, multicast, reserved or the Azure wire server.</summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(AzureWireServer))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => b[1] is >= 64 and <= 127,
                169 => b[1] == 254,
                172 => b[1] is >= 16 and <= 31,
                192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99),
                198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100),
                203 => b[1] == 0 && b[2] == 113,
                >= 224 => true,
                _ => false,
            };
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC // fc00::/7 unique local
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // 2001:db8::/32 documentation
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) // 64:ff9b::/96 NAT64 (could reach internal IPv4)
                || b.Take(12).All(x => x == 0) // ::/96 IPv4-compatible (deprecated; ::a.b.c.d may be routed to a.b.c.d), :: and ::1
                || (b[0] == 0x20 && b[1] == 0x02) // 2002::/16 6to4: embeds an IPv4 address a relay would reach
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00) // 2001::/32 Teredo: embeds an IPv4 address too
                || address.IsIPv4MappedToIPv6;
        }

        return true;
    }

    private static bool IsLoopbackHost(Uri uri) =>
        IsLocalhostName(uri.IdnHost)
        || (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary><c>localhost</c> and every name under it (RFC 6761: resolvers answer them with loopback, whatever DNS says).</summary>
    private static bool IsLocalhostName(string host)
    {
        var name = host.TrimEnd('.');
        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
    }
}
