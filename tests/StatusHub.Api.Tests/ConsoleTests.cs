using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Core.Storage;

namespace StatusHub.Api.Tests;

/// <summary>The publisher console's files: served at /publish/ by the server and synced into $web by the render.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class ConsoleTests(StatusHubApp app)
{
    public static TheoryData<string, string> Files() => new()
    {
        { "/publish/", "text/html" },
        { "/publish/index.html", "text/html" },
        { "/publish/console.css", "text/css" },
        { "/publish/console.js", "text/javascript" },
        { "/publish/editor.js", "text/javascript" },
        { "/publish/labels.js", "text/javascript" },
        { "/publish/config.json", "application/json" },
    };

    // The server serves the console from its own files, with its CSP header; with the Functions app the static website
    // serves the copy a render wrote (no headers of its own, hence the meta tag tested below).
    [Theory]
    [Trait(HostTraits.Name, HostTraits.ServerOnly)]
    [MemberData(nameof(Files))]
    public async Task The_server_serves_each_console_file_with_its_content_type_before_any_render(string path, string contentType)
    {
        using var response = await app.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("connect-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task The_page_carries_its_policy_as_meta_tag_and_config_names_the_same_origin()
    {
        var client = app.Client();
        await app.Client(StatusHubApp.AdminKey).PostAsync("/api/v1/render", null).Ok();
        var html = await client.GetStringAsync("/publish/");
        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';", html);
        Assert.DoesNotContain("{{CSP}}", html);
        Assert.Contains("<script type=\"module\" src=\"/publish/console.js\"></script>", html);

        var config = JsonNode.Parse(await client.GetStringAsync("/publish/config.json"))!;
        Assert.Equal("", config["apiBaseUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task Publish_without_slash_is_the_console_page_and_unknown_console_files_are_404()
    {
        var client = app.Client();
        await app.Client(StatusHubApp.AdminKey).PostAsync("/api/v1/render", null).Ok();
        Assert.Equal(await client.GetStringAsync("/publish/"), await client.GetStringAsync("/publish"));

        using var missing = await client.GetAsync("/publish/other.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_render_syncs_the_console_into_the_static_website_with_content_types()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        await app.Client(key).Put($"/api/v1/towns/{slug}/status", Towns.Status()).Ok();
        await app.Client(StatusHubApp.AdminKey).PostAsync("/api/v1/render", null).Ok();

        var site = app.Services.GetRequiredService<SiteStore>();
        foreach (var (path, type) in new[]
        {
            ("publish/index.html", "text/html; charset=utf-8"), ("publish/console.css", "text/css; charset=utf-8"),
            ("publish/console.js", "text/javascript; charset=utf-8"), ("publish/api.js", "text/javascript; charset=utf-8"),
            ("publish/labels.js", "text/javascript; charset=utf-8"), ("publish/config.json", "application/json"),
        })
        {
            var file = await site.OpenAsync(path, default);
            Assert.True(file is not null, $"{path} is not in $web after a render.");
            await file.Content.DisposeAsync();
            Assert.Equal(type, file.ContentType);
        }
    }
}

/// <summary>A server whose API allows the console's origin (as the Functions app allows the static website's).</summary>
public sealed class CorsApp : StatusHubApp
{
    public const string ConsoleOrigin = "https://console.example.org";

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["StatusHub:Cors:AllowedOrigins:0"] = ConsoleOrigin + "/";
        settings["StatusHub:Console:ApiBaseUrl"] = "https://api.example.org/";
    }
}

/// <summary>CORS from config StatusHub:Cors:AllowedOrigins: the console's origin may call and read ETag; no other origin may.</summary>
public sealed class CorsTests(CorsApp app) : IClassFixture<CorsApp>
{
    private const string OtherOrigin = "https://evil.example.net";

    private static HttpRequestMessage Preflight(string origin, string path = "/api/v1/towns/somewhere/status")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,if-match");
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    [Fact]
    public async Task A_preflight_from_the_console_origin_allows_the_methods_and_headers_it_sends()
    {
        using var response = await app.Client().SendAsync(Preflight(CorsApp.ConsoleOrigin));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(CorsApp.ConsoleOrigin, Header(response, "Access-Control-Allow-Origin"));
        var methods = Header(response, "Access-Control-Allow-Methods")!;
        foreach (var method in new[] { "PUT", "POST", "DELETE", "GET" })
        {
            Assert.Contains(method, methods);
        }

        var headers = Header(response, "Access-Control-Allow-Headers")!;
        foreach (var header in new[] { "Authorization", "Content-Type", "If-Match", "Idempotency-Key" })
        {
            Assert.Contains(header, headers);
        }

        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task A_preflight_from_another_origin_gets_no_CORS_headers()
    {
        using var response = await app.Client().SendAsync(Preflight(OtherOrigin));

        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(Header(response, "Access-Control-Allow-Methods"));
        Assert.Null(Header(response, "Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task Reads_writes_and_errors_for_the_console_origin_expose_the_ETag_and_other_origins_get_nothing()
    {
        var (slug, key) = await Towns.CreateWithKey(app);
        var town = app.Client(key);
        async Task<HttpResponseMessage> Send(HttpMethod method, string path, string origin, object? body = null)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Add("Origin", origin);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            return await town.SendAsync(request);
        }

        using var written = await Send(HttpMethod.Put, $"/api/v1/towns/{slug}/status", CorsApp.ConsoleOrigin, Towns.Status());
        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        Assert.Equal(CorsApp.ConsoleOrigin, Header(written, "Access-Control-Allow-Origin"));
        Assert.Contains("ETag", Header(written, "Access-Control-Expose-Headers"));
        Assert.Contains("Origin", Header(written, "Vary"));

        using var read = await Send(HttpMethod.Get, $"/api/v1/towns/{slug}", CorsApp.ConsoleOrigin);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.NotNull(read.Headers.ETag);
        Assert.Equal(CorsApp.ConsoleOrigin, Header(read, "Access-Control-Allow-Origin"));
        Assert.Contains("ETag", Header(read, "Access-Control-Expose-Headers"));

        // A stale If-Match is a 412 the console must be able to read, not an opaque network error.
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/towns/{slug}/status") { Content = JsonContent.Create(Towns.Status()) };
        stale.Headers.Add("Origin", CorsApp.ConsoleOrigin);
        stale.Headers.TryAddWithoutValidation("If-Match", "W/\"datetime'2000-01-01T00%3A00%3A00.0000000Z'\"");
        using var conflict = await town.SendAsync(stale);
        Assert.Equal(HttpStatusCode.PreconditionFailed, conflict.StatusCode);
        Assert.Equal(CorsApp.ConsoleOrigin, Header(conflict, "Access-Control-Allow-Origin"));

        using var elsewhere = await Send(HttpMethod.Get, $"/api/v1/towns/{slug}", OtherOrigin);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        Assert.Null(Header(elsewhere, "Access-Control-Allow-Origin"));
        Assert.Null(Header(elsewhere, "Access-Control-Expose-Headers"));

        using var unrouted = await Send(HttpMethod.Patch, $"/api/v1/towns/{slug}/status", CorsApp.ConsoleOrigin, new { });
        Assert.Equal(CorsApp.ConsoleOrigin, Header(unrouted, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_console_config_names_the_API_and_its_policy_allows_connecting_to_it()
    {
        var client = app.Client();
        await app.Client(StatusHubApp.AdminKey).PostAsync("/api/v1/render", null).Ok();
        var config = JsonNode.Parse(await client.GetStringAsync("/publish/config.json"))!;
        Assert.Equal("https://api.example.org", config["apiBaseUrl"]!.GetValue<string>());
        var html = await client.GetStringAsync("/publish/");
        Assert.Contains("connect-src 'self' https://api.example.org;", html);
    }
}
