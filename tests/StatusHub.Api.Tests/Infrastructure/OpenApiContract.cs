using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using StatusHub.Api.OpenApi;

namespace StatusHub.Api.Tests.Infrastructure;

/// <summary>
/// The committed OpenAPI document (src/StatusHub.Api/OpenApi/v1.json, equal to the generated one by
/// <see cref="OpenApiDocumentTests"/>) as a contract the tests check: finds the operation of a request and validates
/// bodies against its JSON Schemas (2020-12, JsonSchema.Net) with the document's components as <c>$defs</c>.
/// </summary>
public static class OpenApiContract
{
    private static readonly Lazy<JsonObject> Document = new(OpenApiDocumentFile.Embedded);
    private static readonly Lazy<string> Definitions = new(() =>
        Rewrite(Document.Value["components"]?["schemas"]?.ToJsonString() ?? "{}"));

    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new();

    /// <summary>The document's path template and operation for <paramref name="method"/> and <paramref name="path"/>, or null when it declares none.</summary>
    public static (string Template, JsonObject Operation)? Find(string method, string path)
    {
        var segments = path.TrimEnd('/').Split('/');
        (string Template, JsonObject Operation, int Parameters)? best = null;
        foreach (var (template, item) in Document.Value["paths"]!.AsObject())
        {
            var parts = template.Split('/');
            if (parts.Length != segments.Length || item?[method.ToLowerInvariant()] is not JsonObject operation)
            {
                continue;
            }

            var parameters = 0;
            var matches = true;
            for (var i = 0; i < parts.Length && matches; i++)
            {
                if (parts[i].StartsWith('{'))
                {
                    parameters++;
                    matches = segments[i].Length > 0;
                }
                else
                {
                    matches = parts[i] == segments[i];
                }
            }

            if (matches && (best is null || parameters < best.Value.Parameters))
            {
                best = (template, operation, parameters);
            }
        }

        return best is { } found ? (found.Template, found.Operation) : null;
    }

    /// <summary>Null when <paramref name="json"/> is valid against <paramref name="schema"/> (a schema node of the document), else the errors.</summary>
    public static string? Validate(JsonNode schema, string json)
    {
        var text = schema.ToJsonString();
        var built = Schemas.GetOrAdd(text, _ => JsonSchema.FromText(
            $$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$defs":{{Definitions.Value}},"allOf":[{{Rewrite(text)}}]}""",
            new BuildOptions { SchemaRegistry = new SchemaRegistry() }));
        using var instance = JsonDocument.Parse(json);
        var result = built.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return null;
        }

        var errors = (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.SchemaLocation}): {e.Key}: {e.Value}"))
            .Take(10);
        return string.Join("; ", errors);
    }

    /// <summary>The schema of the JSON request body of <paramref name="operation"/>.</summary>
    public static JsonNode? RequestSchema(JsonObject operation) => operation["requestBody"]?["content"]?["application/json"]?["schema"];

    private static string Rewrite(string json) => json.Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);
}

/// <summary>
/// Checks every answer of the API the tests receive against the OpenAPI document: its status code must be declared
/// by the request's operation, the response headers it declares required (ETag, Location, Retry-After, WWW-Authenticate;
/// every declared header but an optional one such as X-StatusHub-Unchanged) must be there, and a JSON body must match the declared schema of that status and media type. A
/// request to a path or method the document does not declare (the fallback's 404/405, preflights) is not checked.
/// A mismatch fails the test that made the request.
/// </summary>
public sealed class OpenApiResponseValidator : DelegatingHandler
{
    public OpenApiResponseValidator(HttpMessageHandler inner) => InnerHandler = inner;

    public OpenApiResponseValidator()
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (!path.StartsWith("/api/v1/", StringComparison.Ordinal)
            || OpenApiContract.Find(request.Method.Method, path) is not { } found)
        {
            return response;
        }

        var (template, operation) = found;
        var where = $"{request.Method} {path} ({operation["operationId"]}, {template}) answered {(int)response.StatusCode}";
        if (operation["responses"]?[((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)] is not JsonObject declared)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            Assert.Fail($"{where}, a status code the OpenAPI document does not declare for it: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            return response;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        foreach (var (header, declaration) in declared["headers"]?.AsObject() ?? [])
        {
            if (declaration?["required"]?.GetValue<bool>() == true && !response.Headers.NonValidated.Contains(header) && !response.Content.Headers.NonValidated.Contains(header))
            {
                Assert.Fail($"{where} without the {header} header its declaration names.");
            }
        }

        if (body.Length == 0)
        {
            return response;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (declared["content"]?[mediaType]?["schema"] is not { } schema)
        {
            Assert.Fail($"{where} with a {mediaType} body, which the document does not declare for this status: {body}");
            return response;
        }

        if (mediaType.EndsWith("json", StringComparison.Ordinal) && OpenApiContract.Validate(schema, body) is { } errors)
        {
            Assert.Fail($"{where}: the body does not match the document's schema: {errors}. Body: {body}");
        }

        return response;
    }
}
