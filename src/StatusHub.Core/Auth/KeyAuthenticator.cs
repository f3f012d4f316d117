using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using StatusHub.Core.Storage;

namespace StatusHub.Core.Auth;

/// <summary>Settings under <c>StatusHub</c> that concern authentication.</summary>
public sealed class AuthOptions
{
    /// <summary>The shortest bootstrap admin key the hub starts with.</summary>
    public const int MinAdminKeyLength = 32;

    /// <summary>The bootstrap admin key (<c>StatusHub:AdminKey</c>); unset means no admin access.</summary>
    public string? AdminKey { get; set; }

    /// <summary>
    /// Why <paramref name="adminKey"/> must not be used, or null when it may: set but shorter than
    /// <see cref="MinAdminKeyLength"/>, or an app-setting reference the platform could not resolve (App Service passes
    /// <c>@Microsoft.KeyVault(…)</c> through literally then: a string anyone can derive from the public host name).
    /// The message never contains the key.
    /// </summary>
    public static string? Problem(string? adminKey)
    {
        if (string.IsNullOrEmpty(adminKey))
        {
            return null;
        }

        var trimmed = adminKey.Trim();
        if (trimmed.StartsWith("@Microsoft.", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("@AppConfig", StringComparison.OrdinalIgnoreCase))
        {
            return "StatusHub:AdminKey is an unresolved reference (@Microsoft.KeyVault(...)): the platform could not read the secret. "
                + "Fix the reference or the app identity's access to the vault (Key Vault Secrets User), then restart.";
        }

        return trimmed.Length < MinAdminKeyLength
            ? $"StatusHub:AdminKey is set but has {trimmed.Length} characters; use at least {MinAdminKeyLength} random ones (e.g. openssl rand -hex 32)."
            : null;
    }
}

/// <summary>Stops the host at start when the configured admin key is unusable (<see cref="AuthOptions.Problem"/>).</summary>
public sealed class AuthOptionsValidation : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
        AuthOptions.Problem(options.AdminKey) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
}

/// <summary>
/// Turns a presented key into a <see cref="KeyPrincipal"/>. Stored keys are cached for at most
/// <see cref="CacheBound"/>, so a key revoked on another instance stops working within that bound;
/// on the instance that revoked it, at once (<see cref="Forget"/>).
/// </summary>
public sealed class KeyAuthenticator(KeyRepository keys, IMemoryCache cache, IOptions<AuthOptions> options)
{
    /// <summary>The longest a revoked key can still be accepted by another instance.</summary>
    public static readonly TimeSpan CacheBound = TimeSpan.FromSeconds(15);

    public const string BootstrapKeyId = "bootstrap";

    // Compared against when the key id is unknown, so an unknown id costs the same hashing as a wrong secret.
    private static readonly string DummyHash = ApiKeys.Hash("statushub-dummy-secret");

    private readonly byte[]? _adminHash = string.IsNullOrEmpty(options.Value.AdminKey)
        ? null
        : SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.AdminKey));

    public async Task<KeyPrincipal?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (_adminHash is not null
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _adminHash))
        {
            return new KeyPrincipal(BootstrapKeyId, "bootstrap admin key", KeyScope.Admin, null, null);
        }

        if (!ApiKeys.TryParse(presented, out var id, out var secret))
        {
            return null;
        }

        var stored = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        return Verify(secret, stored, ApiKeys.Matches);
    }

    /// <summary>
    /// The single decision for a parsed key: exactly one hash comparison whether the id is unknown (against a dummy
    /// hash of the same length), the secret wrong, or the key revoked, so none of them answers faster than another.
    /// </summary>
    internal static KeyPrincipal? Verify(string secret, StoredKey? stored, Func<string, string, bool> matches)
    {
        var matched = matches(secret, stored?.SecretHash ?? DummyHash);
        if (stored is null || !matched || stored.RevokedAt is not null)
        {
            return null;
        }

        return new KeyPrincipal(stored.Id, stored.Label, stored.Scope, stored.Town, stored.Region)
        {
            Towns = stored.Towns.ToHashSet(StringComparer.Ordinal),
        };
    }

    /// <summary>The hash an unknown key id is compared against (for tests of <see cref="Verify"/>).</summary>
    internal static string UnknownKeyHash => DummyHash;

    /// <summary>Drops a key from this instance's cache (after revocation).</summary>
    public void Forget(string id) => cache.Remove(CacheKey(id));

    /// <summary>
    /// The stored key, from this instance's cache when it was looked up within <see cref="CacheBound"/>. Unknown ids are
    /// cached too (as absent), so an unknown id costs what a known one does, a cache lookup and one hash, and
    /// guessing ids is no storage load. Ids are random, so no key is created under an id someone tried before.
    /// </summary>
    private async Task<StoredKey?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey(id), out var cached))
        {
            return cached as StoredKey;
        }

        var stored = await keys.FindAsync(id, cancellationToken).ConfigureAwait(false);
        cache.Set(CacheKey(id), (object?)stored ?? Absent, CacheBound);
        return stored;
    }

    private static readonly object Absent = new();

    private static string CacheKey(string id) => "statushub-key:" + id;
}
