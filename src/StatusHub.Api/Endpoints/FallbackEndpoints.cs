using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using StatusHub.Api.Http;

namespace StatusHub.Api.Endpoints;

/// <summary>
/// Every <c>/api/v1</c> request no route takes: 404, or 405 with <c>Allow</c> when the path exists with other methods,
/// or 415 when it exists with this method but the body's content type is not JSON,
/// as problem+json with the API's security and CORS headers. A route of the API itself, so that both hosts answer
/// alike: unrouted, the Functions host would give a bare 404 and the server its framework's 405.
/// </summary>
public static class FallbackEndpoints
{
    public static readonly string[] Methods =
        [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch];

    public static RouteGroupBuilder MapFallback(this RouteGroupBuilder api)
    {
        api.MapMethods("/{*path}", Methods, Unrouted).WithName(nameof(Unrouted)).ExcludeFromDescription();
        return api;
    }

    public static Task<IResult> Unrouted(HttpRequest request, string? path) =>
        ApiCall.Run(request, Access.Public(), _ =>
        {
            var allowed = MethodsOf(request.HttpContext, request.Path);
            if (allowed.Contains(request.Method, StringComparer.OrdinalIgnoreCase))
            {
                // The route takes this method but declined the request: the server's routing matches a JSON body's
                // content type before the handler runs (the Functions host does not; there the handler answers 415).
                throw ApiContext.UnsupportedMediaType();
            }

            return Task.FromResult(allowed.Count == 0
                ? Problems.Create(404, "Not found", "There is no API route at this path; see /openapi/v1.json.")
                : Problems.Create(405, "Method not allowed", $"This route answers {string.Join(", ", allowed)} only.")
                    .WithHeader("Allow", string.Join(", ", allowed)));
        });

    /// <summary>The methods the host's other endpoints (server routes or Functions triggers) answer at <paramref name="path"/>.</summary>
    private static IReadOnlyList<string> MethodsOf(HttpContext context, PathString path)
    {
        var endpoints = context.RequestServices.GetService<EndpointDataSource>()?.Endpoints ?? [];
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            if (pattern.Parameters.Any(p => p.IsCatchAll)
                || endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { HttpMethods.Count: > 0 } declared)
            {
                continue;
            }

            var matcher = new TemplateMatcher(new RouteTemplate(pattern), new RouteValueDictionary());
            if (matcher.TryMatch(path, new RouteValueDictionary()))
            {
                methods.UnionWith(declared.HttpMethods);
            }
        }

        return [.. methods];
    }
}
