using System.Net;
using System.Security.Cryptography;
using System.Text;
using StatusHub.Core.Subscriptions;
using StatusHub.Core.Validation;

namespace StatusHub.Core.Tests.Subscriptions;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void The_signature_is_the_lowercase_hex_HMAC_SHA256_of_the_body_keyed_with_the_secret()
    {
        // RFC 4231, test case 2.
        var signature = WebhookSignature.Sign("Jefe", Encoding.ASCII.GetBytes("what do ya want for nothing?"));

        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", signature);
    }

    [Fact]
    public void Verify_accepts_only_the_exact_body_secret_and_header()
    {
        var body = Encoding.UTF8.GetBytes("""{"town":{"slug":"moessingen"},"level":"emergency"}""");
        const string secret = "0123456789abcdef-secret";
        var header = WebhookSignature.Sign(secret, body);

        Assert.True(WebhookSignature.Verify(secret, body, header));
        Assert.False(WebhookSignature.Verify(secret + "x", body, header));
        Assert.False(WebhookSignature.Verify(secret, body.Append((byte)' ').ToArray(), header));
        Assert.False(WebhookSignature.Verify(secret, body, header.ToUpperInvariant()));
        Assert.False(WebhookSignature.Verify(secret, body, header["sha256=".Length..]));
        Assert.False(WebhookSignature.Verify(secret, body, null));
        Assert.Equal(header, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
    }
}

public sealed class SubscriptionRulesTests
{
    private static (Uri? Url, ValidationErrors Errors) Check(string? url, bool allowLoopbackHttp = false)
    {
        var errors = new ValidationErrors();
        return (SubscriptionRules.Url(errors, url, allowLoopbackHttp), errors);
    }

    [Theory]
    [InlineData("https://agency.example.org/statushub")]
    [InlineData("https://agency.example.org:8443/hooks/statushub?token=abc")]
    [InlineData("https://93.184.215.14/hook")]
    [InlineData("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook")]
    public void Public_https_URLs_are_accepted_in_production(string url)
    {
        var (uri, errors) = Check(url);

        Assert.False(errors.Any);
        Assert.NotNull(uri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("agency.example.org/hook")]
    [InlineData("/hook")]
    [InlineData("http://agency.example.org/hook")]
    [InlineData("ftp://agency.example.org/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user:password@agency.example.org/hook")]
    [InlineData("https://agency.example.org/hook#fragment")]
    [InlineData("https://agency.example.org/ho ok")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://agency.localhost/hook")]
    [InlineData("https://LOCALHOST./hook")]
    [InlineData("https://[::7f00:1]/hook")]
    [InlineData("https://[2002:c0a8:101::1]/hook")]
    [InlineData("https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook")]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://10.0.0.5/hook")]
    [InlineData("https://172.16.0.1/hook")]
    [InlineData("https://192.168.1.1/hook")]
    [InlineData("https://169.254.169.254/metadata/instance")]
    [InlineData("https://168.63.129.16/")]
    [InlineData("https://100.64.0.1/")]
    [InlineData("https://0.0.0.0/")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    public void Other_URLs_are_rejected_in_production(string? url)
    {
        var (uri, errors) = Check(url);

        Assert.Null(uri);
        Assert.True(errors.Any);
    }

    [Fact]
    public void URLs_longer_than_the_limit_are_rejected()
    {
        var prefix = "https://agency.example.org/";
        Assert.False(Check(prefix + new string('a', Limits.MaxUrl - prefix.Length)).Errors.Any);
        Assert.True(Check(prefix + new string('a', Limits.MaxUrl - prefix.Length + 1)).Errors.Any);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/hook")]
    [InlineData("http://localhost:5000/hook")]
    [InlineData("http://[::1]:5000/hook")]
    [InlineData("https://127.0.0.1:5001/hook")]
    public void Loopback_http_is_accepted_only_when_allowed(string url)
    {
        Assert.NotNull(Check(url, allowLoopbackHttp: true).Url);
        Assert.Null(Check(url, allowLoopbackHttp: false).Url);
    }

    [Theory]
    [InlineData("http://agency.example.org/hook")]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("https://192.168.1.1/hook")]
    public void Allowing_loopback_http_allows_nothing_else(string url)
    {
        Assert.Null(Check(url, allowLoopbackHttp: true).Url);
    }

    [Theory]
    [InlineData("0123456789abcdef")]
    [InlineData("!\"#$%&'()*+,-./0123456789:;<=>?@AZ[\\]^_`az{|}~")]
    public void Secrets_of_16_to_256_visible_ASCII_characters_are_accepted(string secret)
    {
        var errors = new ValidationErrors();
        Assert.Equal(secret, SubscriptionRules.Secret(errors, secret));
        Assert.Equal(new string('k', 256), SubscriptionRules.Secret(errors, new string('k', 256)));
        Assert.False(errors.Any);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0123456789abcde")]
    [InlineData("0123456789 abcdef")]
    [InlineData("0123456789abcdef\n")]
    [InlineData("0123456789abcdefü")]
    public void Other_secrets_are_rejected(string? secret)
    {
        var errors = new ValidationErrors();
        Assert.Null(SubscriptionRules.Secret(errors, secret));
        Assert.True(errors.Any);
        Assert.Null(SubscriptionRules.Secret(new ValidationErrors(), new string('k', 257)));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.255.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.0.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.100.100.100", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("93.184.215.14", false)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fc00::1", true)]
    [InlineData("::ffff:192.168.0.1", true)]
    [InlineData("::ffff:8.8.8.8", false)]
    [InlineData("2001:4860:4860::8888", false)]
    [InlineData("::", true)]
    [InlineData("::127.0.0.1", true)]
    [InlineData("::8.8.8.8", true)]
    [InlineData("2002:c0a8:0001::1", true)]
    [InlineData("2002:0808:0808::1", true)]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", true)]
    [InlineData("2001:1::1", false)]
    [InlineData("2003::1", false)]
    public void Internal_addresses_are_recognized(string address, bool isInternal)
    {
        Assert.Equal(isInternal, SubscriptionRules.IsInternal(IPAddress.Parse(address)));
    }

    [Fact]
    public void A_blocked_and_an_unresolvable_host_give_one_neutral_last_error()
    {
        // A region key reads lastError: it must not learn whether an internal name exists (blocked) or not (unresolvable).
        var blocked = new HttpRequestException("blocked", new DeliveryBlockedException());
        var unresolvable = new HttpRequestException(HttpRequestError.NameResolutionError, "no such host");
        Assert.Equal(SubscriptionDispatcher.UnreachableHost, SubscriptionDispatcher.Describe(blocked));
        Assert.Equal(SubscriptionDispatcher.UnreachableHost, SubscriptionDispatcher.Describe(unresolvable));
        Assert.NotEqual(SubscriptionDispatcher.UnreachableHost, SubscriptionDispatcher.Describe(new HttpRequestException(HttpRequestError.ConnectionError, "refused")));
    }
}
