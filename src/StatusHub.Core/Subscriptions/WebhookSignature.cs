using System.Security.Cryptography;
using System.Text;

namespace StatusHub.Core.Subscriptions;

/// <summary>
/// The <c>X-StatusHub-Signature</c> header: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of the exact body bytes,
/// keyed with the UTF-8 bytes of the subscription's secret (ASCII by the registration rules).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-StatusHub-Signature";

    public const string Prefix = "sha256=";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>What a receiver does: recompute and compare in constant time.</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, body));
        var presented = Encoding.ASCII.GetBytes(header);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }
}
