using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StatusHub.Api.OpenApi;
using StatusHub.Api.Tests.Infrastructure;
using StatusHub.Server.Hosting;

namespace StatusHub.Api.Tests;

/// <summary>
/// The committed OpenAPI document (src/StatusHub.Api/OpenApi/v1.json) is a contract others can use: Redocly (pinned in
/// package.json, rules in redocly.yaml) finds no error in it, the README's request bodies and the document's own
/// examples are valid against its request schemas, and bodies the API refuses are not. Every answer of the API tests
/// is checked against it as well (<see cref="OpenApiResponseValidator"/>).
/// </summary>
public sealed partial class OpenApiContractTests
{
    private static readonly string Root = RepositoryRoot.Find(AppContext.BaseDirectory)!;

    [Fact]
    public async Task Redocly_lint_finds_no_error_in_the_committed_document()
    {
        var cli = Path.Combine(Root, "node_modules", "@redocly", "cli", "bin", "cli.js");
        if (!File.Exists(cli))
        {
            Assert.Fail($"Redocly CLI is missing. Install the repository's npm tools with `npm ci` in {Root}.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { cli, "lint", Path.Combine("src", "StatusHub.Api", "OpenApi", "v1.json"), "--config", "redocly.yaml", "--format", "stylish" })
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry, no update check: the tests reach no network.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"redocly lint found errors ({process.ExitCode}):\n{output}");
        Assert.Contains("Woohoo! Your API description is valid.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_request_body_of_the_README_and_the_deploy_guide_is_valid_against_its_operation()
    {
        var checkedBodies = 0;
        var documents = new[] { "README.md", Path.Combine("docs", "deploy.md") };
        foreach (var (method, path, body) in documents.SelectMany(d => CurlBodies(File.ReadAllText(Path.Combine(Root, d)))))
        {
            var found = OpenApiContract.Find(method, path);
            Assert.True(found is not null, $"README: {method} {path} is not an operation of the document.");
            var schema = OpenApiContract.RequestSchema(found.Value.Operation);
            Assert.True(schema is not null, $"README: {method} {path} sends a body, but the operation declares none.");
            Assert.True(OpenApiContract.Validate(schema, body) is null, $"{method} {path} {body}: {OpenApiContract.Validate(schema, body)}");
            checkedBodies++;
        }

        // The walkthrough: a town, a key, a status, a service, an update, a region name, and more.
        Assert.True(checkedBodies >= 6, $"Only {checkedBodies} curl bodies found in README.md.");
    }

    [Fact]
    public void Every_example_of_the_document_is_valid_against_its_schema()
    {
        var examples = 0;
        foreach (var (template, item) in OpenApiDocumentFile.Embedded()["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation?["requestBody"]?["content"]?["application/json"] is { } media && media["example"] is { } example)
                {
                    Assert.True(
                        OpenApiContract.Validate(media["schema"]!, example.ToJsonString()) is null,
                        $"{method} {template}: {OpenApiContract.Validate(media["schema"]!, example.ToJsonString())}");
                    examples++;
                }

                foreach (var parameter in operation?["parameters"]?.AsArray() ?? [])
                {
                    if (parameter?["example"] is { } value)
                    {
                        Assert.Null(OpenApiContract.Validate(parameter["schema"]!, value.ToJsonString()));
                    }
                }
            }
        }

        Assert.True(examples >= 6, $"Only {examples} request examples in the document.");
    }

    [Theory]
    [InlineData("""{"level":"purple","headline":{"de":"x"}}""")]
    [InlineData("""{"level":null,"headline":null,"summary":null,"asOf":null,"moreInfoUrl":null}""")]
    [InlineData("""{"level":"emergency"}""")]
    [InlineData("""{"level":"emergency","headline":{"not a tag!":"x"}}""")]
    public void A_status_body_the_API_refuses_is_invalid_against_the_document_too(string body)
    {
        var (_, operation) = OpenApiContract.Find("PUT", "/api/v1/towns/musterstadt/status")!.Value;
        Assert.NotNull(OpenApiContract.Validate(OpenApiContract.RequestSchema(operation)!, body));
    }

    [Fact]
    public void A_headline_over_its_limit_is_invalid_against_the_document()
    {
        var (_, operation) = OpenApiContract.Find("PUT", "/api/v1/towns/musterstadt/status")!.Value;
        var schema = OpenApiContract.RequestSchema(operation)!;
        var longest = new JsonObject { ["level"] = "emergency", ["headline"] = new JsonObject { ["de"] = new string('x', Limits.MaxHeadline) } };
        Assert.Null(OpenApiContract.Validate(schema, longest.ToJsonString()));
        longest["headline"]!["de"] = new string('x', Limits.MaxHeadline + 1);
        Assert.NotNull(OpenApiContract.Validate(schema, longest.ToJsonString()));
    }

    [Theory]
    [InlineData(200, "application/json", """{"status":"ok"}""", null, true)]
    [InlineData(200, "application/json", """{"status":5}""", null, false)]
    [InlineData(200, "application/json", """{"state":"ok"}""", null, false)]
    [InlineData(418, "application/problem+json", """{"type":"x","title":"x","status":418,"detail":"x"}""", null, false)]
    [InlineData(503, "application/problem+json", """{"type":"x","title":"x","status":503,"detail":"x"}""", "5", true)]
    [InlineData(503, "application/problem+json", """{"type":"x","title":"x","status":503,"detail":"x"}""", null, false)]
    [InlineData(503, "application/problem+json", """{"title":"x"}""", "5", false)]
    [InlineData(200, "text/html", "<p>ok</p>", null, false)]
    public async Task The_response_validator_fails_a_test_on_an_undeclared_status_a_missing_header_or_a_body_off_the_schema(
        int status, string mediaType, string body, string? retryAfter, bool valid)
    {
        var answer = new CannedAnswer(status, mediaType, body, retryAfter);
        using var client = new HttpClient(new OpenApiResponseValidator(answer)) { BaseAddress = new Uri("http://localhost") };
        var call = () => client.GetAsync("/api/v1/health");
        if (valid)
        {
            using var response = await call();
            Assert.Equal(status, (int)response.StatusCode);
        }
        else
        {
            await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(call);
        }
    }

    /// <summary>Answers every request with one response: the validator's own test, no API behind it.</summary>
    private sealed class CannedAnswer(int status, string mediaType, string body, string? retryAfter) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage((System.Net.HttpStatusCode)status)
            {
                RequestMessage = request,
                Content = new StringContent(body, System.Text.Encoding.UTF8, mediaType),
            };
            if (retryAfter is not null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
            }

            return Task.FromResult(response);
        }
    }

    /// <summary>Every <c>curl … $API/… -d '…'</c> of the text: its method, path (with <c>$API</c> as /api/v1) and body.</summary>
    private static IEnumerable<(string Method, string Path, string Body)> CurlBodies(string markdown)
    {
        foreach (Match body in Body().Matches(markdown))
        {
            var start = markdown.LastIndexOf("curl ", body.Index, StringComparison.Ordinal);
            var command = start < 0 ? "" : markdown[start..body.Index];
            if (ApiUrl().Match(command) is not { Success: true } url)
            {
                continue;
            }

            var method = Method().Match(command) is { Success: true } m ? m.Groups[1].Value : "POST";
            var path = "/api/v1" + Variable().Replace(url.Groups[1].Value, "musterstadt");
            yield return (method, path, body.Groups[1].Value);
        }
    }

    [GeneratedRegex(@"\$\{?\w+\}?")]
    private static partial Regex Variable();

    [GeneratedRegex(@"-d '([^']*)'")]
    private static partial Regex Body();

    [GeneratedRegex(@"\$API(/[^\s'""]*)")]
    private static partial Regex ApiUrl();

    [GeneratedRegex(@"-X (GET|PUT|POST|DELETE)")]
    private static partial Regex Method();
}
