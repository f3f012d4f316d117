using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Tests.Infrastructure;

namespace StatusHub.Api.Tests;

/// <summary>
/// Errors the local server produces before (or instead of) the API: Kestrel's own rejections of requests it cannot
/// parse, unreadable bodies, and routing's 404/405/415. Sent over raw sockets to the real server on Kestrel, with the
/// server's own wiring (its listening address comes from the <c>urls</c> setting, as with <c>dotnet run</c>). Every
/// answer is problem+json with type, title, status and detail. The local server only: on Azure the platform's front
/// end answers malformed HTTP before any worker sees it.
/// </summary>
public sealed class KestrelProblemTests(KestrelServerApp app) : IClassFixture<KestrelServerApp>
{
    public static TheoryData<string, string, int> Malformed => new()
    {
        { "a NUL in the path", "GET /%00 HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "a NUL in an API path", "GET /api/v1/towns/%00 HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "an invalid request line", "GARBAGE\r\n\r\n", 400 },
        { "no Host header", "GET / HTTP/1.1\r\n\r\n", 400 },
        { "a malformed header", "GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n", 400 },
        { "a non-numeric Content-Length", "POST /api/v1/keys HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400 },
        { "two different Content-Lengths", "POST /api/v1/keys HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400 },
        { "headers larger than the limit", $"GET / HTTP/1.1\r\nHost: x\r\nX-Big: {new string('a', 40 * 1024)}\r\n\r\n", 431 },
        { "a request target longer than the limit", $"GET /{new string('a', 10 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n", 414 },
        { "an unknown HTTP version", "GET / HTTP/1.7\r\nHost: x\r\n\r\n", 505 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Kestrels_own_rejections_are_problem_json(string what, string request, int status)
    {
        var (head, body) = await SendRawAsync(request);
        AssertProblem(what, head, body, status);
        Assert.Contains("\r\nConnection: close", head, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_rejection_after_a_good_request_on_the_same_connection_leaves_the_first_answer_alone()
    {
        var (head, body) = await SendRawAsync("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\nGET /%00 HTTP/1.1\r\nHost: x\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200 ", head, StringComparison.Ordinal);
        var second = body.IndexOf("HTTP/1.1 400 ", StringComparison.Ordinal);
        Assert.True(second > 0, $"No second answer: {body}");
        Assert.Contains("\"status\":\"ok\"", body[..second], StringComparison.Ordinal);
        var rest = body[second..];
        var split = rest.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        AssertProblem("the second, malformed request", rest[..split], rest[(split + 4)..], 400);
    }

    [Fact]
    public async Task A_body_the_server_cannot_read_is_a_4xx_problem_not_a_500()
    {
        // Malformed chunked framing (a chunk size that is no hex number) on a write that reads its body.
        var (head, body) = await SendRawAsync(
            "POST /api/v1/keys HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + StatusHubApp.AdminKey
            + "\r\nContent-Type: application/json\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        AssertProblem("a malformed chunked body", head, body, 400);

        // A chunked body over the API's limit (no Content-Length to refuse it by) is a 413 problem.
        var chunk = new string(' ', 64 * 1024);
        var request = new StringBuilder("POST /api/v1/keys HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + StatusHubApp.AdminKey
            + "\r\nContent-Type: application/json\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (var i = 0; i < 5; i++)
        {
            request.Append($"{chunk.Length:x}\r\n{chunk}\r\n");
        }

        (head, body) = await SendRawAsync(request.Append("0\r\n\r\n").ToString());
        AssertProblem("a chunked body over the limit", head, body, 413);
    }

    [Theory]
    [InlineData("GET", "/no-such-file.txt", "text/html,application/xhtml+xml,*/*;q=0.8", 404)]
    [InlineData("GET", "/api/v1/no-such-route", "", 404)]
    [InlineData("PATCH", "/api/v1/towns", "", 405)]
    [InlineData("POST", "/", "", 405)]
    [InlineData("DELETE", "/index.html", "", 405)]
    public async Task Routings_own_answers_are_problem_json(string method, string path, string accept, int status)
    {
        var (head, body) = await SendRawAsync(
            $"{method} {path} HTTP/1.1\r\nHost: x\r\n{(accept.Length > 0 ? $"Accept: {accept}\r\n" : "")}Content-Length: 0\r\nConnection: close\r\n\r\n");
        AssertProblem($"{method} {path}", head, body, status);
    }

    [Fact]
    public async Task A_non_json_body_on_a_json_route_is_a_415_problem()
    {
        var (head, body) = await SendRawAsync("PUT /api/v1/towns/abc/status HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + StatusHubApp.AdminKey
            + "\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi");
        AssertProblem("a text/plain body", head, body, 415);
    }

    private static void AssertProblem(string what, string head, string body, int status)
    {
        Assert.True(head.StartsWith($"HTTP/1.1 {status} ", StringComparison.Ordinal), $"{what}: {head}\n{body}");
        Assert.Contains("\r\nContent-Type: application/problem+json", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\r\nX-Content-Type-Options: nosniff", head, StringComparison.OrdinalIgnoreCase);
        if (head.Contains("\r\nTransfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Unchunk(body);
        }

        var problem = JsonNode.Parse(body)!;
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        Assert.StartsWith("urn:statushub:problem:", problem["type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), what);
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()), what);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        if (head.Split("\r\n").SingleOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } length)
        {
            Assert.Equal(Encoding.UTF8.GetByteCount(body), int.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The content of a chunked body (RFC 9112 §7.1), up to its last chunk.</summary>
    private static string Unchunk(string chunked)
    {
        var content = new StringBuilder();
        var position = 0;
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[position..lineEnd].Split(';')[0].Trim(), 16);
            if (size == 0)
            {
                return content.ToString();
            }

            content.Append(chunked, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> as it is and reads until the server closes (after a rejection, or as a request's
    /// <c>Connection: close</c> asks): the first head, and the rest.
    /// </summary>
    private async Task<(string Head, string After)> SendRawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(app.Endpoint);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var received = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException)
        {
            // A reset after the answer (the server closed with unread input) ends the answer as well.
        }

        var text = Encoding.UTF8.GetString(received.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, $"No complete answer: '{text}'");
        return (text[..split], text[(split + 4)..]);
    }
}

/// <summary>The local server on Kestrel at a free loopback port taken from the <c>urls</c> setting.</summary>
public sealed class KestrelServerApp : StatusHubApp, IAsyncLifetime
{
    public IPEndPoint Endpoint { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        UseKestrel();
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        Endpoint = new IPEndPoint(IPAddress.Loopback, new Uri(address).Port);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("urls", "http://127.0.0.1:0");
    }
}
