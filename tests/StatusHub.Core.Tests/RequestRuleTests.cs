using System.Buffers.Text;
using System.Text;
using StatusHub.Core.Storage;
using StatusHub.Core.Validation;
using static StatusHub.Core.Tests.TestSupport;

namespace StatusHub.Core.Tests;

/// <summary>The input rules that lived in the endpoints before: audit paging, Idempotency-Key, key requests, subscription ids.</summary>
public class RequestRuleTests
{
    [Fact]
    public void Audit_page_defaults_to_the_default_size_from_the_newest_entry()
    {
        Assert.Equal(new AuditPageQuery(AuditRepository.DefaultPageSize, null), Validator.AuditPage(null, null));
    }

    [Fact]
    public void Audit_page_decodes_a_continuation_this_api_returned()
    {
        var token = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("a|0001|x"));
        Assert.Equal(new AuditPageQuery(AuditRepository.MaxPageSize, "a|0001|x"), Validator.AuditPage(["200"], [token]));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("")]
    [InlineData("ten")]
    public void Audit_page_refuses_a_limit_outside_1_to_200(string limit) =>
        Assert.Equal(["limit"], Rejected(() => Validator.AuditPage([limit], null)).Keys);

    [Fact]
    public void Audit_page_refuses_repeated_parameters_and_foreign_tokens()
    {
        Assert.Equal(["limit"], Rejected(() => Validator.AuditPage(["5", "6"], null)).Keys);
        var errors = Rejected(() => Validator.AuditPage(["5", "x"], ["not base64url!", "x"]));
        Assert.Equal(["continuation", "limit"], errors.Keys.Order());
        Assert.Equal(["Not a token this API returned as 'next'."], Rejected(() => Validator.AuditPage(null, [new string('A', 2049)]))["continuation"]);
        Assert.Equal(["continuation"], Rejected(() => Validator.AuditPage(null, [""])).Keys);
    }

    [Fact]
    public void Idempotency_key_is_optional_and_bound_to_the_body_hash()
    {
        Assert.Null(Validator.IdempotencyKey("", "{}"u8));
        Assert.Null(Validator.IdempotencyKey(null, "{}"u8));
        var token = Validator.IdempotencyKey(new string('k', Limits.MaxIdempotencyKey), "{}"u8)!;
        Assert.Equal(TownRepository.HashBody("{}"u8), token.BodyHash);
        Assert.NotEqual(token.BodyHash, Validator.IdempotencyKey("k", "{ }"u8)!.BodyHash);
    }

    [Theory]
    [InlineData(Limits.MaxIdempotencyKey + 1)]
    [InlineData(-1)]
    public void Idempotency_key_is_at_most_200_printable_characters(int length)
    {
        var header = length < 0 ? "daily\u0007report" : new string('k', length);
        var errors = Rejected(() => Validator.IdempotencyKey(header, "{}"u8));
        Assert.Equal([$"At most {Limits.MaxIdempotencyKey} printable characters."], errors["Idempotency-Key"]);
    }

    [Fact]
    public void Key_request_names_its_target_for_its_scope_only()
    {
        Assert.Equal(new KeyDefinition(KeyScope.Town, "nehren", null, null, "IT"), Validator.Key(new KeyRequest("town", "nehren", null, " IT ")));
        Assert.Equal(["$"], Rejected(() => Validator.Key(null)).Keys);
        Assert.Equal(["scope"], Rejected(() => Validator.Key(new KeyRequest("root", null, null, null))).Keys);
        Assert.Equal(["Required for scope 'town'."], Rejected(() => Validator.Key(new KeyRequest("town", null, null, null)))["town"]);
        Assert.Equal(["Must be a slug."], Rejected(() => Validator.Key(new KeyRequest("region", null, "Bad Region", null)))["region"]);
        Assert.Equal(["Only allowed with scope 'region'."], Rejected(() => Validator.Key(new KeyRequest("town", "nehren", "bw", null)))["region"]);
        Assert.Equal(["Only allowed with scope 'provider'."], Rejected(() => Validator.Key(new KeyRequest("admin", null, null, null, ["nehren"])))["towns"]);
    }

    [Fact]
    public void Provider_key_lists_its_towns_once_each()
    {
        var key = Validator.Key(new KeyRequest("provider", null, null, null, ["siegen", "burbach", "siegen"]));
        Assert.Equal(["siegen", "burbach"], key.Towns);
        Assert.Equal("", key.Label);
        Assert.Equal(["towns"], Rejected(() => Validator.Key(new KeyRequest("provider", null, null, null, []))).Keys);
        Assert.Equal(["towns[1]"], Rejected(() => Validator.Key(new KeyRequest("provider", null, null, null, ["siegen", "regions"]))).Keys);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("0123456789ABCDEF0123456789abcdef", false)]
    [InlineData("0123456789abcdef0123456789abcde", false)]
    [InlineData("0123456789abcdef0123456789abcdefa", false)]
    [InlineData("0123456789abcdef0123456789abcdeg", false)]
    public void Subscription_id_is_32_lower_case_hex_digits(string id, bool valid) => Assert.Equal(valid, Validator.IsSubscriptionId(id));

    [Fact]
    public void Subscription_target_is_normalized_and_both_fields_are_checked()
    {
        var target = Validator.Subscription("https://Example.org/hook", new string('s', 16), allowLoopbackHttp: false);
        Assert.Equal("https://example.org/hook", target.Url.AbsoluteUri);
        Assert.Equal(["secret", "url"], Rejected(() => Validator.Subscription(null, null, allowLoopbackHttp: false)).Keys.Order());
        Assert.Equal(["url"], Rejected(() => Validator.Subscription("http://127.0.0.1/hook", new string('s', 16), allowLoopbackHttp: false)).Keys);
        Assert.Equal("http://127.0.0.1/hook", Validator.Subscription("http://127.0.0.1/hook", new string('s', 16), allowLoopbackHttp: true).Url.AbsoluteUri);
    }
}
