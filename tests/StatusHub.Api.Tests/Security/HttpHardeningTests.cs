using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StatusHub.Api.Endpoints;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests.Security;

/// <summary>Security headers on every API answer (from the shared handler path, so both hosts), no Server banner, header limits.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class HttpHardeningTests(StatusHubApp app)
{
    [Fact]
    public async Task Public_and_error_answers_carry_nosniff_and_no_referrer_and_no_server_banner()
    {
        foreach (var url in new[] { "/api/v1/towns", "/api/v1/health", "/api/v1/towns/nope-nope", "/api/v1/keys" })
        {
            using var response = await app.Client().GetAsync(url);
            Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
            Assert.False(response.Headers.Contains("Server"), url);
            Assert.False(response.Headers.Contains("X-Powered-By"), url);
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{url}: HSTS over plain HTTP");
        }
    }

    [Fact]
    public async Task Answers_to_requests_with_a_key_are_never_cached()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        using var audit = await app.Client(key).GetAsync($"/api/v1/towns/{slug}/audit");
        using var write = await app.Client(key).Put($"/api/v1/towns/{slug}/status", Towns.Status());
        using var denied = await app.Client("shk_0123456789abcdef_wrong").GetAsync("/api/v1/keys");
        using var missing = await app.Client().GetAsync("/api/v1/keys");
        using var publicRead = await app.Client(key).GetAsync($"/api/v1/towns/{slug}");
        foreach (var response in new[] { audit, write, denied, missing, publicRead })
        {
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{response.RequestMessage!.RequestUri}: {response.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task HSTS_is_sent_over_https()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        using var response = await client.GetAsync("/api/v1/towns");
        Assert.Equal("max-age=31536000", Single(response, "Strict-Transport-Security"));
    }

    /// <summary>The Functions host has no middleware of ours: the headers must come from the handler itself.</summary>
    [Fact]
    public async Task The_handler_sets_the_headers_without_any_server_middleware()
    {
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.Request.Method = "GET";
        context.Request.Scheme = "https";
        context.Request.Headers.Authorization = "Bearer shk_0123456789abcdef_wrong";
        context.Response.Body = new MemoryStream();

        var result = await ReadEndpoints.GetCatalogue(context.Request);
        await result.ExecuteAsync(context);

        Assert.Equal("nosniff", context.Response.Headers.XContentTypeOptions.ToString());
        Assert.Equal("no-referrer", context.Response.Headers["Referrer-Policy"].ToString());
        Assert.Equal("max-age=31536000", context.Response.Headers.StrictTransportSecurity.ToString());
        Assert.Equal("no-store", context.Response.Headers.CacheControl.ToString());
    }

    [Fact]
    public void Kestrel_sends_no_server_header_and_limits_headers_and_bodies()
    {
        var kestrel = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;
        Assert.False(kestrel.AddServerHeader);
        Assert.Equal(32 * 1024, kestrel.Limits.MaxRequestHeadersTotalSize);
        Assert.Equal(1024 * 1024, kestrel.Limits.MaxRequestBodySize);
    }

    [Fact]
    public async Task Bodies_over_256_KiB_are_413_before_anything_is_stored()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var huge = new string('x', 300 * 1024);
        await app.Client(key).Put($"/api/v1/towns/{slug}/status", new { level = "emergency", headline = new { de = huge } })
            .Problem(HttpStatusCode.RequestEntityTooLarge);
        var audit = await app.Client(key).GetAsync($"/api/v1/towns/{slug}/audit").Ok();
        Assert.DoesNotContain(audit["items"]!.AsArray(), i => i!["operation"]!.GetValue<string>() == "status.put");
    }

    private static string Single(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? Assert.Single(values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage!.RequestUri}: no {name} header");
}
