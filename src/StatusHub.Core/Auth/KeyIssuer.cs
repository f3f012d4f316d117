using StatusHub.Core.Storage;
using StatusHub.Core.Validation;

namespace StatusHub.Core.Auth;

/// <summary>
/// Creates and revokes keys (admin): a new key's secret exists only in the answer that creates it (its hash is stored),
/// and every instance's authentication cache forgets a key as soon as it changes here.
/// </summary>
public sealed class KeyIssuer(KeyRepository keys, KeyAuthenticator authenticator, TimeProvider time)
{
    /// <summary>Stores a new key as <paramref name="definition"/> says; returns it, its secret (shown once) and its row's ETag.</summary>
    public async Task<(StoredKey Key, string Secret, string ETag)> CreateAsync(KeyDefinition definition, CancellationToken cancellationToken)
    {
        var (id, secret, hash) = ApiKeys.Generate();
        var stored = new StoredKey(id, definition.Scope, definition.Town, definition.Region, definition.Label, hash, time.GetUtcNow(), null)
        {
            Towns = definition.Towns ?? [],
        };
        var etag = await keys.CreateAsync(stored, cancellationToken).ConfigureAwait(false);
        authenticator.Forget(id);
        return (stored, secret, etag);
    }

    /// <summary>Revokes key <paramref name="id"/>; its row's new ETag, or null when there is no such key (a malformed id included).</summary>
    public async Task<string?> RevokeAsync(string id, string? ifMatch, CancellationToken cancellationToken)
    {
        var etag = ApiKeys.TryParse($"shk_{id}_x", out _, out _)
            ? await keys.RevokeAsync(id, time.GetUtcNow(), ifMatch, cancellationToken).ConfigureAwait(false)
            : null;
        if (etag is not null)
        {
            authenticator.Forget(id);
        }

        return etag;
    }
}
