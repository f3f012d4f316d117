using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace StatusHub.Core.Auth;

/// <summary>
/// Key format <c>shk_{id}_{secret}</c>: the id (16 hex characters) finds the stored row, the secret
/// (32 random bytes, base64url) is only ever stored as its SHA-256 hash and compared in constant time.
/// </summary>
public static class ApiKeys
{
    private const string Prefix = "shk_";
    private const int IdLength = 16;

    public static (string Id, string Key, string SecretHash) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (id, $"{Prefix}{id}_{secret}", Hash(secret));
    }

    public static bool TryParse(string key, [NotNullWhen(true)] out string? id, [NotNullWhen(true)] out string? secret)
    {
        id = secret = null;
        if (key.Length < Prefix.Length + IdLength + 2 || !key.StartsWith(Prefix, StringComparison.Ordinal) || key[Prefix.Length + IdLength] != '_')
        {
            return false;
        }

        var candidate = key.Substring(Prefix.Length, IdLength);
        if (!candidate.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        id = candidate;
        secret = key[(Prefix.Length + IdLength + 1)..];
        return true;
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 secret.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Constant-time comparison of a presented secret with a stored hash.</summary>
    public static bool Matches(string secret, string storedHash)
    {
        Span<byte> presented = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), presented);
        Span<byte> stored = stackalloc byte[32];
        var valid = Convert.FromHexString(storedHash, stored, out _, out var written) == System.Buffers.OperationStatus.Done && written == 32;
        return CryptographicOperations.FixedTimeEquals(presented, stored) && valid;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
