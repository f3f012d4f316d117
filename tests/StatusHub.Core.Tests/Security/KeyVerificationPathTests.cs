using StatusHub.Core.Auth;
using StatusHub.Core.Storage;

namespace StatusHub.Core.Tests.Security;

/// <summary>
/// Unknown key id, wrong secret and revoked key take the same path: exactly one hash comparison, against a hash of the
/// same form, then the same null. (A proof of the code path, not a timing measurement.)
/// </summary>
public sealed class KeyVerificationPathTests
{
    private static readonly (string Id, string Key, string Hash) Generated = ApiKeys.Generate();

    private static readonly StoredKey Stored = new(
        Generated.Id, KeyScope.Town, "moessingen", null, "IT", Generated.Hash, DateTimeOffset.UnixEpoch, null);

    private static string Secret => Generated.Key.Split('_', 3)[2];

    public static TheoryData<string, string, bool> FailingCases => new()
    {
        { "unknown key id", "any-secret", false },
        { "wrong secret", "wrong-secret", true },
        { "revoked key, right secret", Secret, true },
    };

    [Theory]
    [MemberData(nameof(FailingCases))]
    public void Every_failure_compares_exactly_one_hash_of_the_stored_form_and_answers_null(string name, string secret, bool known)
    {
        var stored = name.StartsWith("revoked", StringComparison.Ordinal) ? Stored with { RevokedAt = DateTimeOffset.UnixEpoch } : Stored;
        var compared = new List<string>();

        var principal = KeyAuthenticator.Verify(secret, known ? stored : null, (presented, hash) =>
        {
            compared.Add(hash);
            return ApiKeys.Matches(presented, hash);
        });

        Assert.Null(principal);
        var hash = Assert.Single(compared);
        Assert.Equal(Stored.SecretHash.Length, hash.Length);
        Assert.True(hash.All(char.IsAsciiHexDigitLower), hash);
        Assert.Equal(known ? stored.SecretHash : KeyAuthenticator.UnknownKeyHash, hash);
    }

    [Fact]
    public void The_right_secret_of_a_live_key_compares_once_and_yields_its_principal()
    {
        var comparisons = 0;
        var principal = KeyAuthenticator.Verify(Secret, Stored, (presented, hash) =>
        {
            comparisons++;
            return ApiKeys.Matches(presented, hash);
        });

        Assert.Equal(1, comparisons);
        Assert.Equal(new KeyPrincipal(Stored.Id, "IT", KeyScope.Town, "moessingen", null), principal);
    }

    [Fact]
    public void An_unknown_id_is_refused_even_when_the_secret_matches_the_dummy_hash()
    {
        Assert.Null(KeyAuthenticator.Verify("anything", null, (_, _) => true));
    }
}
