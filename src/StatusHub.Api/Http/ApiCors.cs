using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace StatusHub.Api.Http;

/// <summary>Settings under <c>StatusHub:Cors</c>: the browser origins that may call the API (the publisher console's site).</summary>
public sealed class ApiCorsOptions
{
    public const string Section = "StatusHub:Cors";

    /// <summary>Exact origins such as <c>https://ststatushub.z6.web.core.windows.net</c>; empty: no cross-origin access.</summary>
    public IList<string> AllowedOrigins { get; } = [];
}

/// <summary>
/// CORS for the publisher console, in the shared code path so that both hosts answer the same: the platform CORS of
/// Azure Functions/App Service cannot expose response headers, and the console must read <c>ETag</c> to send
/// <c>If-Match</c>. An allowed origin gets <c>Access-Control-Allow-Origin</c> (its own value, never <c>*</c>) and the
/// exposed headers; preflights (<see cref="Endpoints.CorsEndpoints"/>) also get the methods and request headers the
/// console sends. No credentials mode: the key travels in <c>Authorization</c>, never in a cookie.
/// </summary>
public static class ApiCors
{
    public const string ExposedHeaders = "ETag, Location, Retry-After";
    public const string AllowedMethods = "GET, HEAD, POST, PUT, DELETE";
    public const string AllowedHeaders = "Authorization, Content-Type, If-Match, Idempotency-Key";
    public const string MaxAgeSeconds = "600";

    /// <summary>Adds the CORS response headers when the request comes from an allowed origin; true when it does.</summary>
    public static bool Apply(HttpContext context)
    {
        var allowed = context.RequestServices.GetService<IOptions<ApiCorsOptions>>()?.Value.AllowedOrigins;
        if (allowed is not { Count: > 0 })
        {
            return false;
        }

        var headers = context.Response.Headers;
        if (!headers.Vary.Any(v => v is not null && v.Contains("Origin", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Append("Vary", "Origin");
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || !allowed.Any(a => string.Equals(a.Trim().TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlExposeHeaders = ExposedHeaders;
        return true;
    }

    /// <summary>The answer to an <c>OPTIONS</c> preflight: 204, with the allowed methods and headers for an allowed origin.</summary>
    public static IResult Preflight(HttpContext context)
    {
        if (Apply(context))
        {
            var headers = context.Response.Headers;
            headers.AccessControlAllowMethods = AllowedMethods;
            headers.AccessControlAllowHeaders = AllowedHeaders;
            headers.AccessControlMaxAge = MaxAgeSeconds;
        }

        return TypedResults.NoContent();
    }
}
