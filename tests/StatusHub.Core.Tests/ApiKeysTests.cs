using StatusHub.Core.Auth;

namespace StatusHub.Core.Tests;

public class ApiKeysTests
{
    private const string ValidId = "0123456789abcdef";

    [Fact]
    public void Generated_key_parses_back_to_its_id_and_secret_hash()
    {
        var (id, key, secretHash) = ApiKeys.Generate();

        Assert.Matches("^[0-9a-f]{16}$", id);
        Assert.StartsWith($"shk_{id}_", key, StringComparison.Ordinal);
        Assert.True(ApiKeys.TryParse(key, out var parsedId, out var secret));
        Assert.Equal(id, parsedId);
        Assert.Equal(key[$"shk_{id}_".Length..], secret);
        Assert.Equal(secretHash, ApiKeys.Hash(secret));
        Assert.True(ApiKeys.Matches(secret, secretHash));
    }

    [Fact]
    public void Two_generated_keys_differ()
    {
        var first = ApiKeys.Generate();
        var second = ApiKeys.Generate();

        Assert.NotEqual(first.Id, second.Id);
        Assert.NotEqual(first.Key, second.Key);
        Assert.NotEqual(first.SecretHash, second.SecretHash);
    }

    [Fact]
    public void Hash_is_lower_case_hex_sha256()
    {
        // SHA-256("abc"), FIPS 180-2 test vector.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeys.Hash("abc"));
    }

    [Fact]
    public void Matches_is_false_for_a_wrong_secret()
    {
        var hash = ApiKeys.Hash("right-secret");

        Assert.True(ApiKeys.Matches("right-secret", hash));
        Assert.False(ApiKeys.Matches("wrong-secret", hash));
        Assert.False(ApiKeys.Matches("right-secreT", hash));
        Assert.False(ApiKeys.Matches("", hash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-hex")]
    [InlineData("ba7816bf")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015adff")]
    [InlineData("zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void Matches_is_false_for_a_malformed_stored_hash(string storedHash) =>
        Assert.False(ApiKeys.Matches("abc", storedHash));

    [Fact]
    public void Matches_is_false_for_all_zero_hash_of_right_length() =>
        Assert.False(ApiKeys.Matches("abc", new string('0', 64)));

    [Theory]
    [InlineData("shk_" + ValidId + "_s", ValidId, "s")]
    [InlineData("shk_" + ValidId + "_abc_def-ghi", ValidId, "abc_def-ghi")]
    public void TryParse_splits_id_and_secret(string key, string expectedId, string expectedSecret)
    {
        Assert.True(ApiKeys.TryParse(key, out var id, out var secret));
        Assert.Equal(expectedId, id);
        Assert.Equal(expectedSecret, secret);
    }

    [Theory]
    [InlineData("")]
    [InlineData("shk_")]
    [InlineData("shk_" + ValidId + "_")]
    [InlineData("shk_0123456789abcde_secret")]
    [InlineData("xyz_" + ValidId + "_secret")]
    [InlineData("SHK_" + ValidId + "_secret")]
    [InlineData("shk-" + ValidId + "_secret")]
    [InlineData("shk_0123456789ABCDEF_secret")]
    [InlineData("shk_0123456789abcdeg_secret")]
    [InlineData("shk_" + ValidId + "-secret")]
    [InlineData("shk_" + ValidId + "secret")]
    [InlineData("Bearer shk_" + ValidId + "_secret")]
    public void TryParse_rejects_malformed_keys(string key)
    {
        Assert.False(ApiKeys.TryParse(key, out var id, out var secret));
        Assert.Null(id);
        Assert.Null(secret);
    }
}
